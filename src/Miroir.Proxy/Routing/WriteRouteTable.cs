using Miroir.Core.Routing;

namespace Miroir.Proxy.Routing;

/// <summary>An immutable snapshot of where writes go: S, the shard function and, per shard, its write-target node indices.</summary>
/// <remarks>Node indices are dense (0..NodeCount-1) so that per-node buffers are a plain array; the caller keeps the index → node map.</remarks>
public sealed class WriteRouteTable
{
    private readonly int[][] _targets;

    /// <param name="shardOf">Shard of a canonical id; must return a value in [0, targetsByShard.Length).</param>
    /// <param name="targetsByShard">For each shard, the indices of its write-target nodes (RG × RF of them).</param>
    /// <param name="nodeCount">Number of distinct nodes; every target index is below it.</param>
    public WriteRouteTable(ShardOfKey shardOf, int[][] targetsByShard, int nodeCount)
    {
        ArgumentNullException.ThrowIfNull(shardOf);
        ArgumentNullException.ThrowIfNull(targetsByShard);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetsByShard.Length, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 1);
        foreach (var targets in targetsByShard)
        {
            ArgumentNullException.ThrowIfNull(targets, nameof(targetsByShard));
            foreach (var node in targets)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(node, nameof(targetsByShard));
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(node, nodeCount, nameof(targetsByShard));
            }
        }

        ShardOf = shardOf;
        _targets = targetsByShard;
        NodeCount = nodeCount;
    }

    /// <summary>The table for an index over Core's <see cref="ShardMap"/>: spec §2 hash, node ordinals as indices.</summary>
    public static WriteRouteTable FromShardMap(ShardMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var router = map.Router;
        var targets = new int[map.ShardCount][];
        for (var shard = 0; shard < targets.Length; shard++)
        {
            targets[shard] = map.GetWriteTargets(shard).ToArray();
        }

        return new WriteRouteTable(router.GetShardOfCanonical, targets, map.Topology.Nodes.Count);
    }

    public ShardOfKey ShardOf { get; }

    public int ShardCount => _targets.Length;

    public int NodeCount { get; }

    /// <summary>The write-target node indices of a shard.</summary>
    public ReadOnlySpan<int> TargetsOf(int shard) => _targets[shard];
}
