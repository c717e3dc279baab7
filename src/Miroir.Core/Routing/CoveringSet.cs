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
    private readonly int[] _lastResort;

    private CoveringSet(int group, CoverTarget[] targets, int[] nodeByShard, int[] uncovered, int[] lastResort)
    {
        Group = group;
        _targets = targets;
        _nodeByShard = nodeByShard;
        _uncovered = uncovered;
        _lastResort = lastResort;
    }

    /// <summary>The group the search was sent to (fallback targets may belong to others).</summary>
    public int Group { get; }

    public IReadOnlyList<CoverTarget> Targets => _targets;

    /// <summary>For each shard the ordinal of the node answering for it, or -1.</summary>
    public ReadOnlySpan<int> NodeByShard => _nodeByShard;

    /// <summary>Shards no available replica could answer for (ascending).</summary>
    public ReadOnlySpan<int> UncoveredShards => _uncovered;

    /// <summary>
    /// Shards (ascending) answered by a copy that may be stale (owed or joining) because it is the only live one:
    /// the answer is degraded, but holds every document that copy has.
    /// </summary>
    public ReadOnlySpan<int> LastResortShards => _lastResort;

    public bool IsComplete => _uncovered.Length == 0;

    /// <summary>True when the shard is answered by a last-resort copy.</summary>
    public bool IsLastResort(int shard) => _lastResort.Length > 0 && Array.BinarySearch(_lastResort, shard) >= 0;

    internal static CoveringSet Create(ShardMap map, int group, int[] nodeByShard, bool[]? lastResort = null)
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

        int[] stale = lastResort is null ? [] : [.. Enumerable.Range(0, lastResort.Length).Where(s => lastResort[s])];
        return new CoveringSet(group, targets, nodeByShard, missing, stale);
    }
}
