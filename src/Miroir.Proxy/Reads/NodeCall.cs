using System.Net.Http.Headers;
using System.Net.Sockets;
using Miroir.Proxy.Metrics;

namespace Miroir.Proxy.Reads;

/// <summary>One request to one node with the per-node timeout; never throws for node trouble, reports it instead.</summary>
internal static class NodeCall
{
    public static async Task<NodeReply> SendAsync(ReadCluster cluster, NodeTarget target, HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        using (request)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(TimeSpan.FromMilliseconds(cluster.Scatter.NodeTimeoutMs));
            if (cluster.NodeApiKey is { Length: > 0 } key)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                using var response = await cluster.NodeClient(target.Ordinal)
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                cluster.NodeCompleted?.Invoke(target.Ordinal, start, status >= 500 ? NodeErrorTypes.ServerError : null);
                return new NodeReply(target, status, body, failed: status >= 500);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or SocketException
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                cluster.NodeCompleted?.Invoke(target.Ordinal, start, e is OperationCanceledException ? NodeErrorTypes.Timeout : NodeErrorTypes.Unreachable);
                // Unreachable or slower than node_timeout_ms: the caller re-asks this node's shards elsewhere.
                return new NodeReply(target, 0, [], failed: true);
            }
        }
    }

    /// <summary>A JSON POST to <c>{address}{path}</c>.</summary>
    public static HttpRequestMessage Post(string address, string path, byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, address + path) { Content = content };
    }

    public static HttpRequestMessage Get(string address, string pathAndQuery) =>
        new(HttpMethod.Get, address + pathAndQuery);
}
