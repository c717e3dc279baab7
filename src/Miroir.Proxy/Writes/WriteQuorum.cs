using Miroir.Core.Configuration;
using Miroir.Core.Routing;

namespace Miroir.Proxy.Writes;

/// <summary>
/// 01-core §3.5: inside a group a shard's write counts when as many of its owners acknowledged as
/// <c>write_quorum</c> asks (one, a majority or all); the write succeeds when every involved shard met it in
/// at least one group. Groups that missed it for some shard are degraded, and every owner that did not take an
/// involved shard another owner took is a missed copy (a hint for that node).
/// </summary>
public sealed class WriteQuorum
{
    private WriteQuorum(int failedShard, int[] degradedGroups, IReadOnlyList<MissedCopies> missed)
    {
        FailedShard = failedShard;
        DegradedGroups = degradedGroups;
        Missed = missed;
    }

    /// <summary>Every involved shard met the policy in at least one group.</summary>
    public bool Reached => FailedShard < 0;

    /// <summary>Groups that missed the policy for at least one shard (ascending).</summary>
    public int[] DegradedGroups { get; }

    /// <summary>A shard no group met the policy for, or -1.</summary>
    public int FailedShard { get; }

    /// <summary>Per node ordinal (ascending), the involved shards it owns and did not take.</summary>
    public IReadOnlyList<MissedCopies> Missed { get; }

    /// <summary>True when some copy missed the write (the answer is degraded).</summary>
    public bool IsDegraded => Missed.Count > 0;

    /// <summary>Acknowledgments a group with <paramref name="owners"/> owners of a shard needs under <paramref name="policy"/>.</summary>
    public static int Needed(WriteQuorumPolicy policy, int owners) => policy switch
    {
        WriteQuorumPolicy.One => Math.Min(1, owners),
        WriteQuorumPolicy.All => owners,
        _ => owners / 2 + 1,
    };

    /// <param name="acked">Indexed by node ordinal: true when the node took its sub-request.</param>
    /// <param name="involvesShard">Which shards the write touched (all of them for broadcasts).</param>
    public static WriteQuorum Evaluate(ShardMap map, ReadOnlySpan<bool> acked, Func<int, bool> involvesShard, WriteQuorumPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(involvesShard);
        var groups = map.Topology.Groups;
        var groupMissed = new bool[groups.Count];
        var missed = new List<int>?[acked.Length];
        var failedShard = -1;
        for (var shard = 0; shard < map.ShardCount; shard++)
        {
            if (!involvesShard(shard))
            {
                continue;
            }

            var anyGroup = false;
            var anyAck = false;
            for (var g = 0; g < groups.Count; g++)
            {
                var owners = map.GetOwners(shard, g);
                var acks = 0;
                foreach (var owner in owners)
                {
                    acks += acked[owner] ? 1 : 0;
                }

                anyAck |= acks > 0;

                if (acks >= Needed(policy, owners.Length))
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

            // A copy is owed only where the write landed on some other owner: with no copy anywhere there is nothing to repair from.
            if (anyAck)
            {
                foreach (var owner in map.GetWriteTargets(shard))
                {
                    if (!acked[owner])
                    {
                        (missed[owner] ??= []).Add(shard);
                    }
                }
            }
        }

        var degraded = Enumerable.Range(0, groups.Count).Where(g => groupMissed[g]).ToArray();
        var copies = new List<MissedCopies>();
        for (var node = 0; node < missed.Length; node++)
        {
            if (missed[node] is { } shards)
            {
                copies.Add(new MissedCopies(node, [.. shards]));
            }
        }

        return new WriteQuorum(failedShard, degraded, copies);
    }
}
