using System.Net.Http.Headers;
using System.Net.Sockets;
using Miroir.Proxy.Metrics;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.Reads;

/// <summary>One request to one node with the per-node timeout; never throws for node trouble, reports it instead.</summary>
internal static class NodeCall
{
    /// <remarks>The deadline fires after <c>node_timeout_ms</c> or when <paramref name="cancellationToken"/> (the
    /// client's, or a lost hedge's) does; only the first counts as this node's failure, the second propagates.</remarks>
    public static async Task<NodeReply> SendAsync(ReadCluster cluster, NodeClient node, NodeTarget target, HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        using var deadline = NodeDeadline.Start(cluster, cancellationToken);
        using (request)
        {
            if (cluster.Authorization is { } authorization)
            {
                // A pre-built string stored unparsed: no header object per request.
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            var start = cluster.Time.GetTimestamp();
            try
            {
                using var response = await node.Invoker.SendAsync(request, deadline.Token).ConfigureAwait(false);
                var body = await ReadBodyAsync(response.Content, deadline.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                cluster.NodeCompleted?.Invoke(node.Id, start, status >= 500 ? NodeErrorTypes.ServerError : null);
                return new NodeReply(target, status, body, failed: status >= 500);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or SocketException
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                cluster.NodeCompleted?.Invoke(node.Id, start, e is OperationCanceledException ? NodeErrorTypes.Timeout : NodeErrorTypes.Unreachable);
                // Unreachable or slower than node_timeout_ms: the caller re-asks this node's shards elsewhere.
                return new NodeReply(target, 0, [], failed: true);
            }
        }
    }

    /// <summary>A JSON POST to <c>{address}{path}</c>.</summary>
    public static HttpRequestMessage Post(string address, string path, byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = JsonContentType;
        return new HttpRequestMessage(HttpMethod.Post, address + path) { Content = content };
    }

    public static HttpRequestMessage Get(string address, string pathAndQuery) =>
        new(HttpMethod.Get, address + pathAndQuery);

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    // A node states the length of its answers: read straight into an array of that size (one allocation, one copy)
    // instead of the growing buffer and final copy of ReadAsByteArrayAsync. A body cut short throws
    // EndOfStreamException, an IOException: the node counts as unreachable.
    private static async Task<byte[]> ReadBodyAsync(HttpContent content, CancellationToken deadline)
    {
        if (content.Headers.ContentLength is not { } length || length > Array.MaxLength)
        {
            return await content.ReadAsByteArrayAsync(deadline).ConfigureAwait(false);
        }

        if (length == 0)
        {
            return [];
        }

        var body = new byte[length];
        var stream = await content.ReadAsStreamAsync(deadline).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await stream.ReadExactlyAsync(body, deadline).ConfigureAwait(false);
        }

        return body;
    }
}
