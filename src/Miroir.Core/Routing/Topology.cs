namespace Miroir.Core.Routing;

/// <summary>
/// An immutable fleet description: nodes (ordered by group, then ordinal id), RF and RG.
/// A node's position in <see cref="Nodes"/> is its ordinal, the small int routing tables use.
/// </summary>
public sealed class Topology
{
    private readonly TopologyNode[] _nodes;
    private readonly ReplicaGroup[] _groups;
    private readonly Dictionary<string, int> _ordinals;

    /// <exception cref="ArgumentException">An id is empty or repeated, a group is out of
    /// range or empty, or RF/RG is below 1.</exception>
    public Topology(IEnumerable<TopologyNode> nodes, int replicationFactor, int replicaGroupCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicaGroupCount, 1);
        ReplicationFactor = replicationFactor;

        // Sorting makes ordinals independent of the order nodes were listed in.
        _nodes = nodes.OrderBy(n => n.ReplicaGroup).ThenBy(n => n.Id, StringComparer.Ordinal).ToArray();
        _ordinals = new Dictionary<string, int>(_nodes.Length, StringComparer.Ordinal);
        for (var i = 0; i < _nodes.Length; i++)
        {
            var node = _nodes[i];
            if (string.IsNullOrEmpty(node.Id))
            {
                throw new ArgumentException("A node id is empty.", nameof(nodes));
            }

            if (node.ReplicaGroup < 0 || node.ReplicaGroup >= replicaGroupCount)
            {
                throw new ArgumentException($"Node '{node.Id}' is in replica group {node.ReplicaGroup}, outside 0..{replicaGroupCount - 1}.", nameof(nodes));
            }

            if (!_ordinals.TryAdd(node.Id, i))
            {
                throw new ArgumentException($"Node id '{node.Id}' appears twice.", nameof(nodes));
            }
        }

        _groups = new ReplicaGroup[replicaGroupCount];
        var start = 0;
        for (var g = 0; g < replicaGroupCount; g++)
        {
            var end = start;
            while (end < _nodes.Length && _nodes[end].ReplicaGroup == g)
            {
                end++;
            }

            if (end == start)
            {
                throw new ArgumentException($"Replica group {g} has no nodes.", nameof(nodes));
            }

            _groups[g] = new ReplicaGroup(g, _nodes, start, end - start, replicationFactor);
            start = end;
        }
    }

    /// <summary>RF: configured copies of each shard inside one group.</summary>
    public int ReplicationFactor { get; }

    /// <summary>RG: number of replica groups.</summary>
    public int ReplicaGroupCount => _groups.Length;

    /// <summary>All nodes; the index of a node is its ordinal.</summary>
    public IReadOnlyList<TopologyNode> Nodes => _nodes;

    public IReadOnlyList<ReplicaGroup> Groups => _groups;

    /// <summary>Ordinal of the node with this id, or -1.</summary>
    public int GetOrdinal(string nodeId) => _ordinals.TryGetValue(nodeId, out var ordinal) ? ordinal : -1;

    /// <summary>The node with this ordinal.</summary>
    public TopologyNode GetNode(int ordinal) => _nodes[ordinal];
}
