namespace Miroir.Core.Routing;

/// <summary>
/// For one search: one node per shard, deduplicated into per-node shard lists (ordered by node
/// ordinal, which is also the merge's deterministic tie-break order), plus any uncovered shards.
/// </summary>
public sealed class CoveringSet
{
    private readonly CoverTarget[] _targets;
    private readonly int[] _nodeByShard;
    private readonly int[] _uncovered;

    private CoveringSet(int group, CoverTarget[] targets, int[] nodeByShard, int[] uncovered)
    {
        Group = group;
        _targets = targets;
        _nodeByShard = nodeByShard;
        _uncovered = uncovered;
    }

    /// <summary>The group the search was sent to (fallback targets may belong to others).</summary>
    public int Group { get; }

    public IReadOnlyList<CoverTarget> Targets => _targets;

    /// <summary>For each shard the ordinal of the node answering for it, or -1.</summary>
    public ReadOnlySpan<int> NodeByShard => _nodeByShard;

    /// <summary>Shards no available replica could answer for (ascending).</summary>
    public ReadOnlySpan<int> UncoveredShards => _uncovered;

    public bool IsComplete => _uncovered.Length == 0;

    internal static CoveringSet Create(ShardMap map, int group, int[] nodeByShard)
    {
        var counts = new int[map.Topology.Nodes.Count];
        var uncovered = 0;
        foreach (var ordinal in nodeByShard)
        {
            if (ordinal < 0)
            {
                uncovered++;
            }
            else
            {
                counts[ordinal]++;
            }
        }

        var shards = new int[counts.Length][];
        var targetCount = 0;
        for (var n = 0; n < counts.Length; n++)
        {
            shards[n] = counts[n] == 0 ? [] : new int[counts[n]];
            targetCount += counts[n] == 0 ? 0 : 1;
            counts[n] = 0;
        }

        var missing = new int[uncovered];
        uncovered = 0;
        for (var shard = 0; shard < nodeByShard.Length; shard++)
        {
            var ordinal = nodeByShard[shard];
            if (ordinal < 0)
            {
                missing[uncovered++] = shard;
            }
            else
            {
                shards[ordinal][counts[ordinal]++] = shard;
            }
        }

        var targets = new CoverTarget[targetCount];
        var t = 0;
        for (var n = 0; n < shards.Length; n++)
        {
            if (shards[n].Length > 0)
            {
                var all = shards[n].Length == map.GetShards(n).Length;
                targets[t++] = new CoverTarget(n, map.GetNode(n), shards[n], all);
            }
        }

        return new CoveringSet(group, targets, nodeByShard, missing);
    }
}
