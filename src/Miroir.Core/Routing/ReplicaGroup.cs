namespace Miroir.Core.Routing;

/// <summary>A replica group: a contiguous run of the topology's nodes holding a full copy of every shard.</summary>
public sealed class ReplicaGroup
{
    private readonly TopologyNode[] _all;

    internal ReplicaGroup(int index, TopologyNode[] all, int firstOrdinal, int count, int replicationFactor)
    {
        Index = index;
        _all = all;
        FirstOrdinal = firstOrdinal;
        Count = count;
        EffectiveReplicationFactor = Math.Min(replicationFactor, count);
    }

    /// <summary>Zero-based group number.</summary>
    public int Index { get; }

    /// <summary>Ordinal (index into <see cref="Topology.Nodes"/>) of the group's first node.</summary>
    public int FirstOrdinal { get; }

    /// <summary>Number of nodes in the group.</summary>
    public int Count { get; }

    /// <summary>Copies of each shard this group actually holds: min(RF, node count).</summary>
    public int EffectiveReplicationFactor { get; }

    /// <summary>The group's nodes, ordered by ordinal node id.</summary>
    public ReadOnlySpan<TopologyNode> Nodes => _all.AsSpan(FirstOrdinal, Count);

    /// <summary>True if the node with this ordinal belongs to the group.</summary>
    public bool ContainsOrdinal(int ordinal) => ordinal >= FirstOrdinal && ordinal < FirstOrdinal + Count;
}
