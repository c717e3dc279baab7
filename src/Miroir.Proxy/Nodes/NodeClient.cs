using System.Net;
using System.Net.Http.Headers;
using Miroir.Core.Routing;

namespace Miroir.Proxy.Nodes;

/// <summary>
/// The HTTP client of one node: one pooled <see cref="SocketsHttpHandler"/> (keep-alive, bounded
/// connections), the scatter timeout, and <c>node_master_key</c> as bearer token.
/// </summary>
public sealed class NodeClient : IDisposable
{
    /// <summary>Enough parallel requests for a busy orchestrator without letting one node exhaust sockets.</summary>
    private const int MaxConnectionsPerNode = 64;

    private readonly HttpClient _http;

    public NodeClient(TopologyNode node, string? nodeMasterKey, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(node);
        Node = node;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = MaxConnectionsPerNode,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = timeout,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        };
        _http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri(node.Address.TrimEnd('/') + "/"),
            Timeout = timeout,
        };
        if (!string.IsNullOrEmpty(nodeMasterKey))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", nodeMasterKey);
        }
    }

    public TopologyNode Node { get; }

    public string Id => Node.Id;

    /// <summary>The pooled client itself, for callers that build their own requests (the read path's scatter).</summary>
    public HttpClient Http => _http;

    /// <summary>Sends one request; never throws for network failures or timeouts (status 0 instead).</summary>
    /// <param name="pathAndQuery">Relative path such as <c>indexes/movies/documents?primaryKey=id</c> (no leading slash needed).</param>
    public async Task<NodeResponse> SendAsync(
        HttpMethod method,
        string pathAndQuery,
        ReadOnlyMemory<byte> body = default,
        string? contentType = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        using var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        if (contentType is not null)
        {
            request.Content = new ReadOnlyMemoryContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return new NodeResponse((int)response.StatusCode, bytes);
        }
        catch (HttpRequestException e)
        {
            return NodeResponse.Unreachable($"node `{Id}` is unreachable: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return NodeResponse.Unreachable($"node `{Id}` did not answer within {_http.Timeout.TotalMilliseconds} ms");
        }
    }

    public Task<NodeResponse> GetAsync(string pathAndQuery, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, pathAndQuery, cancellationToken: cancellationToken);

    public void Dispose() => _http.Dispose();
}
