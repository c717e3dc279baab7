namespace Miroir.Core.Routing;

/// <summary>One node of a covering set and the shards it answers for in this search.</summary>
public sealed class CoverTarget
{
    private readonly int[] _shards;

    internal CoverTarget(int nodeOrdinal, TopologyNode node, int[] shards, bool coversAllOwnedShards)
    {
        NodeOrdinal = nodeOrdinal;
        Node = node;
        _shards = shards;
        CoversAllOwnedShards = coversAllOwnedShards;
    }

    public int NodeOrdinal { get; }

    public TopologyNode Node { get; }

    /// <summary>Shards (ascending) this node must answer for: the <c>_miroir_shard IN [..]</c> list.</summary>
    public ReadOnlySpan<int> Shards => _shards;

    /// <summary>
    /// True when the node holds, per the map, exactly these shards; only then may the shard
    /// restriction be left out (and only if no migration put extra shards on it, spec §4.1).
    /// </summary>
    public bool CoversAllOwnedShards { get; }
}
