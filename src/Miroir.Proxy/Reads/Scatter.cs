using Miroir.Core.Routing;

namespace Miroir.Proxy.Reads;

/// <summary>
/// Sends one request per covering-set node in parallel and re-asks the shards of nodes that failed (unreachable,
/// timed out, 5xx) on their other replicas, then other groups, until every shard answered or none is left to ask.
/// </summary>
internal static class Scatter
{
    /// <summary>Builds the request for one target: the node's base address and the target's shard restriction.</summary>
    public delegate HttpRequestMessage RequestFactory(string nodeAddress, NodeTarget target);

    /// <param name="routeKey">Chooses group and replicas (same key, same nodes: pages of one query or document
    /// listings stay consistent); null takes the next round-robin step.</param>
    public static async Task<ScatterResult> RunAsync(ReadCluster cluster, ReadIndex index, RequestFactory factory,
        ulong? routeKey, CancellationToken cancellationToken)
    {
        var map = index.Map;
        var groups = (uint)map.Topology.ReplicaGroupCount;
        var (group, rotation) = routeKey is { } key ? ((int)(key % groups), key / groups) : cluster.NextRoute((int)groups);
        var cover = map.CoverWithFallback(group, rotation, new ReadAvailability(cluster.IsNodeAvailable, null));
        var targets = new List<NodeTarget>(cover.Targets.Count);
        foreach (var t in cover.Targets)
        {
            targets.Add(new NodeTarget(t.NodeOrdinal, t.Shards.ToArray(), !t.CoversAllOwnedShards));
        }

        var uncovered = new List<int>(cover.UncoveredShards.ToArray());
        cluster.Metrics?.ScatterFanOut.Observe(targets.Count);
        var replies = new List<NodeReply>(targets.Count);
        NodeReply? rejection = null;
        HashSet<int>? failedNodes = null;
        while (targets.Count > 0)
        {
            var round = await SendAllAsync(cluster, map, targets, factory, cancellationToken).ConfigureAwait(false);
            var failedShards = new List<int>();
            foreach (var reply in round)
            {
                if (reply.Failed)
                {
                    (failedNodes ??= []).Add(reply.Target.Ordinal);
                    failedShards.AddRange(reply.Target.Shards);
                }
                else if (reply.IsRejection)
                {
                    rejection ??= reply;
                }
                else
                {
                    replies.Add(reply);
                }
            }

            if (failedShards.Count == 0)
            {
                break;
            }

            targets = Reassign(cluster, map, group, rotation, failedNodes!, failedShards, uncovered);
            cluster.Metrics?.ScatterRetries.Add(targets.Sum(static t => t.Shards.Length));
        }

        if (uncovered.Count > 0)
        {
            cluster.Metrics?.ScatterPartial.Inc();
        }

        // Stable order: by node, then by round (a node can answer a fallback round for other shards).
        replies.Sort(static (a, b) => a.Target.Ordinal.CompareTo(b.Target.Ordinal));
        uncovered.Sort();
        return new ScatterResult(replies, rejection, [.. uncovered]);
    }

    private static List<NodeTarget> Reassign(ReadCluster cluster, ShardMap map, int group, ulong rotation,
        HashSet<int> failedNodes, List<int> shards, List<int> uncovered)
    {
        var cover = map.CoverWithFallback(group, rotation, new ReadAvailability(cluster.IsNodeAvailable, failedNodes));
        var byNode = new SortedDictionary<int, List<int>>();
        foreach (var shard in shards)
        {
            var ordinal = cover.NodeByShard[shard];
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
            targets.Add(new NodeTarget(ordinal, [.. list], Restrict: true));
        }

        return targets;
    }

    private static async Task<NodeReply[]> SendAllAsync(ReadCluster cluster, ShardMap map, List<NodeTarget> targets,
        RequestFactory factory, CancellationToken cancellationToken)
    {
        using var deadline = NodeDeadline.Start(cluster, cancellationToken);
        var tasks = new Task<NodeReply>[targets.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            var target = targets[i];
            tasks[i] = NodeCall.SendAsync(cluster, target, factory(map.GetNode(target.Ordinal).Address, target), deadline.Token, cancellationToken);
        }

        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
