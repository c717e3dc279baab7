using Miroir.Core.Routing;

namespace Miroir.Proxy.Reads;

/// <summary>The state one scatter shares between its node requests: where it routes, who failed, the hedges it fired.</summary>
internal sealed class ScatterRun(ReadCluster cluster, ReadIndex index, Scatter.RequestFactory factory, int group, ulong rotation)
{
    private int _hedges;

    public ReadCluster Cluster { get; } = cluster;

    /// <summary>The index as the request's view knows it: map, node clients, readability.</summary>
    public ReadIndex Index { get; } = index;

    public ShardMap Map => Index.Map;

    public Scatter.RequestFactory Factory { get; } = factory;

    public int Group { get; } = group;

    public ulong Rotation { get; } = rotation;

    /// <summary>Nodes that failed in an earlier round; only changed between rounds.</summary>
    public HashSet<int>? FailedNodes { get; set; }

    /// <summary>Nodes this read asks although adaptive selection would avoid them (exploration), or null.</summary>
    public HashSet<int>? Explored { get; set; }

    /// <summary>The node adaptive selection ranked best for this read, -1 when unknown.</summary>
    public int BestNode { get; set; } = -1;

    /// <summary>
    /// When to hedge a request to this node: its p95 × multiplier, at least the minimum; null = never. An explored node
    /// is timed by the best node's p95 instead: its own p95 is the slowness it is avoided for, and exploring it should
    /// cost a hedge, not the client's latency.
    /// </summary>
    public TimeSpan? HedgeDelay(NodeTarget target)
    {
        var hedging = Cluster.Hedging;
        var timedBy = Explored is { } explored && explored.Contains(target.Ordinal) && BestNode >= 0 ? BestNode : target.Ordinal;
        if (!hedging.Enabled || hedging.MaxHedgesPerQuery == 0 || Cluster.Loads.For(Map.GetNode(timedBy).Id).P95Ms is not { } p95)
        {
            return null;
        }

        return TimeSpan.FromMilliseconds(Math.Max(p95 * hedging.P95TriggerMultiplier, hedging.MinTriggerMs));
    }

    /// <summary>
    /// The requests that answer for <paramref name="target"/>'s shards without its node (other replicas of the group, then
    /// other groups when <c>cross_group_fallback</c>), within budget; null when a shard has no other clean replica or the budget is spent.
    /// </summary>
    public List<NodeTarget>? HedgeTargets(NodeTarget target)
    {
        var excluded = new HashSet<int>(FailedNodes ?? []) { target.Ordinal };
        var availability = new ReadAvailability(Index, excluded);
        var cover = Cluster.Hedging.CrossGroupFallback
            ? Map.CoverWithFallback(Group, Rotation, availability)
            : Map.Cover(Group, Rotation, availability);
        var byNode = new SortedDictionary<int, List<int>>();
        foreach (var shard in target.Shards)
        {
            var ordinal = cover.NodeByShard[shard];
            if (ordinal < 0 || cover.IsLastResort(shard))
            {
                // Never race a clean copy against one that may be stale: the hedge could win.
                return null;
            }

            if (!byNode.TryGetValue(ordinal, out var shards))
            {
                byNode[ordinal] = shards = [];
            }

            shards.Add(shard);
        }

        if (Interlocked.Increment(ref _hedges) > Cluster.Hedging.MaxHedgesPerQuery || !Cluster.HedgeBudget.TrySpend())
        {
            Cluster.TailMetrics?.HedgeBudgetExhausted();
            return null;
        }

        return [.. byNode.Select(static n => new NodeTarget(n.Key, [.. n.Value], Restrict: true))];
    }
}
