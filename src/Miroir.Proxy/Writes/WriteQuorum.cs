using Miroir.Core.Routing;

namespace Miroir.Proxy.Writes;

/// <summary>
/// Spec §3.5: inside a group a shard's write succeeds when floor(RF/2)+1 of its owners acknowledged; the
/// write succeeds when every shard reached quorum in at least one group. Groups that missed quorum on
/// any shard are reported as degraded.
/// </summary>
public readonly struct WriteQuorum
{
    private WriteQuorum(bool reached, int[] degradedGroups, int failedShard)
    {
        Reached = reached;
        DegradedGroups = degradedGroups;
        FailedShard = failedShard;
    }

    /// <summary>Every shard reached quorum in at least one group.</summary>
    public bool Reached { get; }

    /// <summary>Groups that missed quorum for at least one shard (ascending).</summary>
    public int[] DegradedGroups { get; }

    /// <summary>A shard no group reached quorum for, or -1.</summary>
    public int FailedShard { get; }

    /// <summary>Acks needed inside a group whose effective RF is <paramref name="replicationFactor"/>.</summary>
    public static int Needed(int replicationFactor) => replicationFactor / 2 + 1;

    /// <param name="acked">Indexed by node ordinal: true when the node accepted its sub-request.</param>
    /// <param name="involvesShard">Which shards the write touched (all of them for broadcasts).</param>
    public static WriteQuorum Evaluate(ShardMap map, ReadOnlySpan<bool> acked, Func<int, bool> involvesShard)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(involvesShard);
        var groups = map.Topology.Groups;
        var groupMissed = new bool[groups.Count];
        var failedShard = -1;
        for (var shard = 0; shard < map.ShardCount; shard++)
        {
            if (!involvesShard(shard))
            {
                continue;
            }

            var anyGroup = false;
            for (var g = 0; g < groups.Count; g++)
            {
                var owners = map.GetOwners(shard, g);
                var acks = 0;
                foreach (var owner in owners)
                {
                    acks += acked[owner] ? 1 : 0;
                }

                if (acks >= Needed(owners.Length))
                {
                    anyGroup = true;
                }
                else
                {
                    groupMissed[g] = true;
                }
            }

            if (!anyGroup && failedShard < 0)
            {
                failedShard = shard;
            }
        }

        var degraded = Enumerable.Range(0, groups.Count).Where(g => groupMissed[g]).ToArray();
        return new WriteQuorum(failedShard < 0, degraded, failedShard);
    }
}
