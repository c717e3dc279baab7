namespace Miroir.Proxy.Reads;

/// <summary>
/// The outcome of one scatter: successful replies in node order, the first refusal, shards nobody answered and shards
/// only a possibly stale copy answered. Owns the replies: dispose it once their bodies are read (after the merge).
/// </summary>
internal sealed class ScatterResult(List<NodeReply> replies, NodeReply? rejection, int[] uncoveredShards, int[] lastResortShards) : IDisposable
{
    /// <summary>2xx replies, ordered by node ordinal then round (the merge's deterministic tie-break order).</summary>
    public List<NodeReply> Replies { get; } = replies;

    /// <summary>The first 4xx a node answered, if any (bad client input).</summary>
    public NodeReply? Rejection { get; } = rejection;

    /// <summary>Shards (ascending) no reachable replica answered for.</summary>
    public int[] UncoveredShards { get; } = uncoveredShards;

    /// <summary>Shards (ascending) answered only by a copy its node owes or a joining node's (the only live copy).</summary>
    public int[] LastResortShards { get; } = lastResortShards;

    /// <summary>True when some shard went unanswered (policy <c>error</c> then refuses the read).</summary>
    public bool IsIncomplete => UncoveredShards.Length > 0;

    /// <summary>Every shard the answer is degraded for (unanswered or last resort), ascending: the <c>X-Miroir-Degraded</c> list.</summary>
    public int[] DegradedShards => LastResortShards.Length == 0 ? UncoveredShards : [.. UncoveredShards.Union(LastResortShards).Order()];

    public void Dispose()
    {
        foreach (var reply in Replies)
        {
            reply.Dispose();
        }

        Rejection?.Dispose();
    }
}
