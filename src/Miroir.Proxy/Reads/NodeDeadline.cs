namespace Miroir.Proxy.Reads;

/// <summary>
/// The node timeout of one node call: a token source linked to the caller's cancellation that also fires after
/// <c>node_timeout_ms</c>. The only timer of the call: the bare invoker adds none (HttpClient added a second one).
/// A node that misses it is treated as failed and its shards are re-asked elsewhere.
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
