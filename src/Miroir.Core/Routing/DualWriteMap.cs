namespace Miroir.Core.Routing;

/// <summary>
/// Write targets while a topology change is in flight: per shard, the owners in the current map plus the
/// owners in the target map, so no write made during the copy is missing on either side.
/// </summary>
/// <remarks>
/// Node indices: the current topology's ordinals first (so quorum over the current map reads the same
/// indices), then the nodes only the target topology has, in target ordinal order.
/// </remarks>
public sealed class DualWriteMap
{
    private readonly int[][] _targets;

    public DualWriteMap(ShardMap current, ShardMap target)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(target);
        if (current.ShardCount != target.ShardCount)
        {
            throw new ArgumentException("Maps with different shard counts cannot be combined.", nameof(target));
        }

        Current = current;
        var nodes = new List<TopologyNode>(current.Topology.Nodes);
        var targetIndex = new int[target.Topology.Nodes.Count];
        for (var t = 0; t < targetIndex.Length; t++)
        {
            var node = target.Topology.GetNode(t);
            var ordinal = current.Topology.GetOrdinal(node.Id);
            if (ordinal < 0)
            {
                ordinal = nodes.Count;
                nodes.Add(node);
            }

            targetIndex[t] = ordinal;
        }

        Nodes = nodes;
        _targets = new int[current.ShardCount][];
        var union = new List<int>();
        for (var shard = 0; shard < _targets.Length; shard++)
        {
            union.Clear();
            union.AddRange(current.GetWriteTargets(shard));
            foreach (var t in target.GetWriteTargets(shard))
            {
                if (!union.Contains(targetIndex[t]))
                {
                    union.Add(targetIndex[t]);
                }
            }

            _targets[shard] = [.. union];
        }
    }

    /// <summary>The map reads and quorum use (the current topology).</summary>
    public ShardMap Current { get; }

    /// <summary>Every node a write may go to, by write index.</summary>
    public IReadOnlyList<TopologyNode> Nodes { get; }

    public int ShardCount => _targets.Length;

    /// <summary>Write indices of a shard's targets: its current owners first, then new owners.</summary>
    public ReadOnlySpan<int> GetWriteTargets(int shard) => _targets[shard];

    /// <summary>Per shard write indices (the arrays are owned by this map; do not change them).</summary>
    public int[][] TargetsByShard => _targets;
}
