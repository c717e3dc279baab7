using Miroir.Core.Configuration;
using Miroir.Core.Routing;
using Miroir.Proxy.Transport;

namespace Miroir.Proxy.Reads;

/// <summary>
/// Sends one request per covering-set node in parallel (hedged, <see cref="HedgedSend"/>) and re-asks the shards of
/// nodes that failed (unreachable, timed out, 5xx) on their other replicas, then other groups, until every shard
/// answered or none is left to ask. Adaptive selection (<see cref="ReplicaAvoidance"/>) shapes the covering set.
/// </summary>
internal static class Scatter
{
    /// <summary>Builds the request for one target (its shard restriction).</summary>
    public delegate NodeRequest RequestFactory(NodeTarget target);

    /// <param name="routeKey">Chooses group and replicas (same key, same nodes: pages of one query or document
    /// listings stay consistent); null takes the next round-robin step.</param>
    public static async Task<ScatterResult> RunAsync(ReadCluster cluster, ReadIndex index, RequestFactory factory,
        ulong? routeKey, CancellationToken cancellationToken)
    {
        var map = index.Map;
        var (group, rotation) = Route(cluster, (uint)map.Topology.ReplicaGroupCount, routeKey);
        var run = new ScatterRun(cluster, index, factory, group, rotation);
        var uncovered = new List<int>();
        var lastResort = new SortedSet<int>();
        var targets = InitialTargets(run, uncovered, lastResort);
        cluster.Metrics?.ScatterFanOut.Record(targets.Count);
        var replies = new List<NodeReply>(targets.Count);
        NodeReply? rejection = null;
        while (targets.Count > 0)
        {
            var round = await SendAllAsync(run, targets, cancellationToken).ConfigureAwait(false);
            var failedShards = new List<int>();
            foreach (var outcome in round)
            {
                foreach (var ordinal in outcome.FailedNodes)
                {
                    (run.FailedNodes ??= []).Add(ordinal);
                }

                for (var i = 0; i < outcome.Count; i++)
                {
                    var reply = outcome[i];
                    if (reply.Failed)
                    {
                        (run.FailedNodes ??= []).Add(reply.Target.Ordinal);
                        failedShards.AddRange(reply.Target.Shards);
                        reply.Dispose();
                    }
                    else if (reply.IsRejection)
                    {
                        if (rejection is null)
                        {
                            rejection = reply;
                        }
                        else
                        {
                            reply.Dispose();
                        }
                    }
                    else
                    {
                        replies.Add(reply);
                    }
                }
            }

            if (failedShards.Count == 0)
            {
                break;
            }

            var cover = map.CoverWithFallback(group, rotation, new ReadAvailability(index, run.FailedNodes));
            foreach (var shard in failedShards)
            {
                _ = cover.IsLastResort(shard) ? lastResort.Add(shard) : lastResort.Remove(shard);
            }

            targets = Targets(map, cover.NodeByShard, failedShards, uncovered, exact: false);
            cluster.Metrics?.ScatterRetries.Add(targets.Sum(static t => t.Shards.Length));
        }

        if (uncovered.Count > 0)
        {
            cluster.Metrics?.ScatterPartial.Add(1);
        }

        // Stable order: by node, then by round (a node can answer a fallback round for other shards).
        replies.Sort(static (a, b) => a.Target.Ordinal.CompareTo(b.Target.Ordinal));
        uncovered.Sort();
        lastResort.ExceptWith(uncovered);
        return new ScatterResult(replies, rejection, [.. uncovered], [.. lastResort]);
    }

    /// <summary>The group and replica rotation of one read: the route key's, a round-robin step, or random (per strategy).</summary>
    internal static (int Group, ulong Rotation) Route(ReadCluster cluster, uint groups, ulong? routeKey)
    {
        if (cluster.ReplicaSelection.Strategy == ReplicaStrategy.Random)
        {
            return (Random.Shared.Next((int)groups), (ulong)Random.Shared.NextInt64(long.MaxValue));
        }

        return routeKey is { } key ? ((int)(key % groups), key / groups) : cluster.NextRoute((int)groups);
    }

    // The query's own covering set minus avoided nodes; a shard whose every live replica is avoided still goes to one,
    // and so does a shard whose only clean copy is on an avoided node: slow beats stale.
    private static List<NodeTarget> InitialTargets(ScatterRun run, List<int> uncovered, SortedSet<int> lastResort)
    {
        var (cluster, map) = (run.Cluster, run.Map);
        var avoided = ReplicaAvoidance.Avoided(cluster, run.Index, out var explored, out var best);
        (run.Explored, run.BestNode) = (explored, best);
        var cover = map.CoverWithFallback(run.Group, run.Rotation, new ReadAvailability(run.Index, avoided));
        if (avoided is not null && (!cover.IsComplete || cover.LastResortShards.Length > 0))
        {
            var live = map.CoverWithFallback(run.Group, run.Rotation, new ReadAvailability(run.Index, null));
            var nodeByShard = cover.NodeByShard.ToArray();
            for (var shard = 0; shard < nodeByShard.Length; shard++)
            {
                var fromLive = nodeByShard[shard] < 0 || (cover.IsLastResort(shard) && !live.IsLastResort(shard));
                if (fromLive)
                {
                    nodeByShard[shard] = live.NodeByShard[shard];
                }

                if (nodeByShard[shard] >= 0 && (fromLive ? live : cover).IsLastResort(shard))
                {
                    lastResort.Add(shard);
                }
            }

            return Targets(map, nodeByShard, Enumerable.Range(0, map.ShardCount), uncovered, exact: true);
        }

        var targets = new List<NodeTarget>(cover.Targets.Count);
        foreach (var t in cover.Targets)
        {
            targets.Add(new NodeTarget(t.NodeOrdinal, t.Shards.ToArray(), !t.CoversAllOwnedShards));
        }

        uncovered.AddRange(cover.UncoveredShards.ToArray());
        lastResort.UnionWith(cover.LastResortShards.ToArray());
        return targets;
    }

    /// <param name="exact">Leave the shard filter out for a node that answers for exactly the shards it holds.</param>
    private static List<NodeTarget> Targets(ShardMap map, ReadOnlySpan<int> nodeByShard, IEnumerable<int> shards, List<int> uncovered, bool exact)
    {
        var byNode = new SortedDictionary<int, List<int>>();
        foreach (var shard in shards)
        {
            var ordinal = nodeByShard[shard];
            if (ordinal < 0)
            {
                uncovered.Add(shard);
            }
            else if (byNode.TryGetValue(ordinal, out var list))
            {
                list.Add(shard);
            }
            else
            {
                byNode[ordinal] = [shard];
            }
        }

        var targets = new List<NodeTarget>(byNode.Count);
        foreach (var (ordinal, list) in byNode)
        {
            list.Sort();
            targets.Add(new NodeTarget(ordinal, [.. list], Restrict: !exact || list.Count != map.GetShards(ordinal).Length));
        }

        return targets;
    }

    private static async Task<TargetOutcome[]> SendAllAsync(ScatterRun run, List<NodeTarget> targets, CancellationToken cancellationToken)
    {
        var tasks = new Task<TargetOutcome>[targets.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = HedgedSend.SendAsync(run, targets[i], cancellationToken);
        }

        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
