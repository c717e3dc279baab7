namespace Miroir.Proxy.Reads;

/// <summary>
/// The outcome of one scatter: successful replies in node order, the first refusal, and shards nobody answered. Owns
/// the replies: dispose it once their bodies are read (after the merge).
/// </summary>
internal sealed class ScatterResult(List<NodeReply> replies, NodeReply? rejection, int[] uncoveredShards) : IDisposable
{
    /// <summary>2xx replies, ordered by node ordinal then round (the merge's deterministic tie-break order).</summary>
    public List<NodeReply> Replies { get; } = replies;

    /// <summary>The first 4xx a node answered, if any (bad client input).</summary>
    public NodeReply? Rejection { get; } = rejection;

    /// <summary>Shards (ascending) no reachable replica answered for.</summary>
    public int[] UncoveredShards { get; } = uncoveredShards;

    public bool IsDegraded => UncoveredShards.Length > 0;

    public void Dispose()
    {
        foreach (var reply in Replies)
        {
            reply.Dispose();
        }

        Rejection?.Dispose();
    }
}
