namespace Miroir.Proxy.Reads;

/// <summary>
/// The node timeout of one scatter round: a single timer shared by every node call the round sends at once
/// (they start together, so each still gets <c>node_timeout_ms</c>), linked to the client's cancellation.
/// A node that misses it is treated as failed and its shards are re-asked in the next round, under a new deadline.
/// </summary>
internal readonly struct NodeDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;

    private NodeDeadline(CancellationTokenSource source) => _source = source;

    public CancellationToken Token => _source.Token;

    public static NodeDeadline Start(ReadCluster cluster, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(cluster.Scatter.NodeTimeoutMs);
        return new NodeDeadline(source);
    }

    public void Dispose() => _source.Dispose();
}
