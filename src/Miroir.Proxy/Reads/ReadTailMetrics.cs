using Miroir.Proxy.Metrics;

namespace Miroir.Proxy.Reads;

/// <summary>The metrics of hedged requests (§13.2) and adaptive replica selection (§13.3), registered once per orchestrator.</summary>
internal sealed class ReadTailMetrics
{
    public ReadTailMetrics(MetricsRegistry registry, NodeLoads loads, double errorWeight)
    {
        var fired = registry.Counter("miroir_hedge_fired_total",
            "Hedges sent; outcome winner when the hedge's answer was used, loser when the first request answered first.", "outcome");
        HedgeWon = fired.WithLabels("winner");
        HedgeLost = fired.WithLabels("loser");
        HedgeBudgetExhausted = registry.Counter("miroir_hedge_budget_exhausted_total",
            "Hedges not sent because the query's max_hedges_per_query or the process-wide budget_percent was used up.").WithLabels();
        Exploration = registry.Counter("miroir_replica_selection_exploration_total",
            "Reads that asked the query's own replica although adaptive selection ranked its node far behind the best.").WithLabels();
        registry.Callback("miroir_replica_selection_score", "Adaptive selection rank of each node (lower is preferred).", "gauge",
            sink =>
            {
                foreach (var (id, load) in loads.All.OrderBy(l => l.Key, StringComparer.Ordinal))
                {
                    sink.Add(load.Rank(errorWeight), id);
                }
            }, "node_id");
    }

    public Counter HedgeWon { get; }

    public Counter HedgeLost { get; }

    public Counter HedgeBudgetExhausted { get; }

    public Counter Exploration { get; }
}
