namespace Miroir.Core.Routing;

/// <summary>The topology operations of 01-core §7, each giving a new immutable <see cref="Topology"/>.</summary>
public static class TopologyEdits
{
    /// <summary>The topology with one more node in an existing group.</summary>
    public static Topology WithNode(this Topology topology, TopologyNode node)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return new Topology(topology.Nodes.Append(node), topology.ReplicationFactor, topology.ReplicaGroupCount);
    }

    /// <summary>The topology without one node (its group must keep at least one node).</summary>
    public static Topology WithoutNode(this Topology topology, string nodeId)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return new Topology(topology.Nodes.Where(n => !string.Equals(n.Id, nodeId, StringComparison.Ordinal)), topology.ReplicationFactor, topology.ReplicaGroupCount);
    }

    /// <summary>The topology with a new last group made of <paramref name="nodes"/> (their group numbers are ignored).</summary>
    public static Topology WithGroup(this Topology topology, IEnumerable<TopologyNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var g = topology.ReplicaGroupCount;
        return new Topology(topology.Nodes.Concat(nodes.Select(n => n with { ReplicaGroup = g })), topology.ReplicationFactor, g + 1);
    }

    /// <summary>The topology without group <paramref name="group"/>; later groups move down by one (no data moves for that).</summary>
    public static Topology WithoutGroup(this Topology topology, int group)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var kept = topology.Nodes
            .Where(n => n.ReplicaGroup != group)
            .Select(n => n.ReplicaGroup > group ? n with { ReplicaGroup = n.ReplicaGroup - 1 } : n);
        return new Topology(kept, topology.ReplicationFactor, topology.ReplicaGroupCount - 1);
    }
}
