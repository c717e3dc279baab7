using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net;
using Miroir.Core.Routing;
using Miroir.Proxy.Metrics;

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
    private readonly HttpMessageInvoker _invoker;
    private readonly NodeObserver? _observer;

    /// <param name="observer">Metrics and health gate; null sends every request regardless of health.</param>
    public NodeClient(TopologyNode node, string? nodeMasterKey, TimeSpan timeout, NodeObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        Node = node;
        _observer = observer;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = MaxConnectionsPerNode,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = timeout,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            // No trace headers towards the nodes: the orchestrator is not traced, and the handler layer costs per request.
            ActivityHeadersPropagator = null,
        };
        _invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        _http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri(node.Address.TrimEnd('/') + "/"),
            Timeout = timeout,
        };
        if (!string.IsNullOrEmpty(nodeMasterKey))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", nodeMasterKey);
            Authorization = "Bearer " + nodeMasterKey;
        }
    }

    public TopologyNode Node { get; }

    public string Id => Node.Id;

    /// <summary>The pooled client itself, for callers that build their own requests.</summary>
    public HttpClient Http => _http;

    /// <summary>
    /// The same connection pool without <see cref="HttpClient"/>'s layer (its own timeout timer, default headers,
    /// response buffering): the read path sets <see cref="Authorization"/> and its timeout itself, once per scatter.
    /// </summary>
    public HttpMessageInvoker Invoker => _invoker;

    /// <summary>The <c>Authorization</c> header value for this node (<c>Bearer node_master_key</c>), null without a key.</summary>
    public string? Authorization { get; }

    /// <summary>
    /// Sends one request; never throws for network failures or timeouts (status 0 instead). A node health checks
    /// marked failed is not asked at all: the caller counts it missing at once instead of waiting for its timeout.
    /// </summary>
    /// <param name="pathAndQuery">Relative path such as <c>indexes/movies/documents?primaryKey=id</c> (no leading slash needed).</param>
    public async Task<NodeResponse> SendAsync(
        HttpMethod method,
        string pathAndQuery,
        ReadOnlyMemory<byte> body = default,
        string? contentType = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var operation = method == HttpMethod.Get ? "read" : "write";
        if (_observer is not null && _observer.IsMarkedFailed(Id))
        {
            _observer.Metrics.NodeError(Id, NodeErrorTypes.MarkedFailed);
            return NodeResponse.Unreachable($"node `{Id}` is marked failed by health checks");
        }

        var start = _observer?.Start() ?? 0;
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
            var status = (int)response.StatusCode;
            _observer?.Completed(Id, operation, start, status >= 500 ? NodeErrorTypes.ServerError : null);
            return new NodeResponse(status, bytes);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException)
        {
            var failure = $"node `{Id}` is unreachable: {e.Message}";
            _observer?.Completed(Id, operation, start, NodeErrorTypes.Unreachable, failure);
            return NodeResponse.Unreachable(failure);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = $"node `{Id}` did not answer within {_http.Timeout.TotalMilliseconds} ms";
            _observer?.Completed(Id, operation, start, NodeErrorTypes.Timeout, failure);
            return NodeResponse.Unreachable(failure);
        }
    }

    public Task<NodeResponse> GetAsync(string pathAndQuery, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, pathAndQuery, cancellationToken: cancellationToken);

    public void Dispose()
    {
        _invoker.Dispose();
        _http.Dispose();
    }
}
