namespace Miroir.Proxy.Reads;

/// <summary>One node asked in a scatter and the shards (ascending) it answers for.</summary>
/// <param name="Ordinal">The node's ordinal in the index's topology.</param>
/// <param name="Shards">Shards the node answers for in this request.</param>
/// <param name="Restrict">False only when the node holds exactly these shards, so the filter may be left out.</param>
internal sealed record NodeTarget(int Ordinal, int[] Shards, bool Restrict)
{
    private string? _restriction;

    /// <summary>The <c>_miroir_shard IN [..]</c> filter for this node, or null when none is needed.</summary>
    public string? Restriction => Restrict ? _restriction ??= ShardFilter.Restriction(Shards) : null;
}
