using Miroir.Core.Configuration;

namespace Miroir.Proxy.Reads;

/// <summary>
/// Adaptive replica selection (spec §13.3): nodes whose rank is far behind the best available node's are left out of
/// the covering set, so their shards go to another replica. Reads otherwise keep the query's own replica: every page of
/// one query then merges from the same nodes (see <see cref="SearchQuery.RouteKey"/>), and equally good replicas share
/// the load instead of all reads herding onto whichever node measured fastest last.
/// </summary>
internal static class ReplicaAvoidance
{
    /// <summary>A node is avoided when its rank exceeds <c>Factor × best + SlackMs</c>.</summary>
    private const double Factor = 3;

    /// <summary>Absolute slack: on an idle loopback cluster ranks of 1 ms vs 4 ms are noise, not a slow node.</summary>
    private const double SlackMs = 20;

    /// <summary>The ordinals to leave out of this read's covering set, or null to take the query's own replicas.</summary>
    /// <param name="explored">When this read explores: the nodes it would have avoided (see <see cref="ScatterRun.HedgeDelay"/>).</param>
    /// <param name="best">The available node with the lowest rank, -1 when none.</param>
    public static HashSet<int>? Avoided(ReadCluster cluster, ReadIndex index, out HashSet<int>? explored, out int best)
    {
        explored = null;
        best = -1;
        if (cluster.ReplicaSelection.Strategy != ReplicaStrategy.Adaptive)
        {
            return null;
        }

        var nodes = index.Map.Topology.Nodes;
        var weight = cluster.ReplicaSelection.ErrorWeight;
        Span<double> ranks = nodes.Count <= 64 ? stackalloc double[nodes.Count] : new double[nodes.Count];
        var lowest = double.PositiveInfinity;
        for (var i = 0; i < ranks.Length; i++)
        {
            ranks[i] = !index.View.IsReadable(i) ? double.NaN : cluster.Loads.For(nodes[i].Id).Rank(weight);
            if (ranks[i] < lowest)
            {
                (lowest, best) = (ranks[i], i);
            }
        }

        HashSet<int>? avoided = null;
        var limit = Factor * lowest + SlackMs;
        for (var i = 0; i < ranks.Length; i++)
        {
            if (ranks[i] > limit)
            {
                (avoided ??= []).Add(i);
            }
        }

        if (avoided is not null && Random.Shared.NextDouble() < cluster.ReplicaSelection.ExplorationEpsilon)
        {
            // Exploration: this read ignores the ranks, so an avoided node is measured again and wins traffic back once it recovers.
            cluster.TailMetrics?.Exploration();
            explored = avoided;
            return null;
        }

        return avoided;
    }
}
