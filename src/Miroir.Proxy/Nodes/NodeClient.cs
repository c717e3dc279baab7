using Miroir.Core.Routing;
using Miroir.Proxy.Metrics;
using Miroir.Proxy.Transport;

namespace Miroir.Proxy.Nodes;

/// <summary>
/// The client of one node: one <see cref="NodeTransport"/> (keep-alive, bounded connections), the scatter timeout,
/// and <c>node_master_key</c> as bearer token. The one way the orchestrator reaches a node.
/// </summary>
public sealed class NodeClient : IDisposable
{
    /// <summary>Enough parallel requests for a busy orchestrator without letting one node exhaust sockets.</summary>
    private const int MaxConnectionsPerNode = 64;

    private readonly NodeObserver? _observer;

    /// <param name="observer">Metrics, passive health and health gate; null sends every request regardless of health.</param>
    public NodeClient(TopologyNode node, string? nodeMasterKey, TimeSpan timeout, NodeObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        Node = node;
        _observer = observer;
        Transport = new NodeTransport(node.Id, node.Address, new NodeTransportOptions
        {
            MaxConnections = MaxConnectionsPerNode,
            Timeout = timeout,
            BearerToken = nodeMasterKey,
            Observer = observer,
        });
    }

    public TopologyNode Node { get; }

    public string Id => Node.Id;

    /// <summary>The node's transport, for the read path that keeps answers in pooled memory (<see cref="NodeAnswer"/>).</summary>
    public NodeTransport Transport { get; }

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
        if (_observer is not null && _observer.IsMarkedFailed(Id))
        {
            _observer.Metrics.NodeError(Id, NodeErrorTypes.MarkedFailed);
            return NodeResponse.Unreachable($"node `{Id}` is marked failed by health checks");
        }

        var request = new NodeRequest(method, pathAndQuery);
        if (contentType is not null)
        {
            request = request.WithBody(body, contentType);
        }

        using var answer = await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (answer.ErrorKind == NodeErrorKind.Canceled)
        {
            // The caller gave up: its cancellation propagates as it always did.
            cancellationToken.ThrowIfCancellationRequested();
        }

        return NodeResponse.Of(answer);
    }

    public Task<NodeResponse> GetAsync(string pathAndQuery, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, pathAndQuery, cancellationToken: cancellationToken);

    public void Dispose() => Transport.Dispose();
}
