using System.Diagnostics.Metrics;
using Miroir.Proxy.Admin;

namespace Miroir.Proxy.Reads;

/// <summary>The metrics of hedged requests (§13.2) and adaptive replica selection (§13.3), instruments on the orchestrator's meter.</summary>
internal sealed class ReadTailMetrics
{
    private static readonly KeyValuePair<string, object?> Winner = new("outcome", "winner");
    private static readonly KeyValuePair<string, object?> Loser = new("outcome", "loser");

    private readonly Counter<long> _fired;
    private readonly Counter<long> _budgetExhausted;
    private readonly Counter<long> _exploration;

    public ReadTailMetrics(Meter meter, NodeLoads loads, double errorWeight)
    {
        _fired = meter.CreateCounter<long>("miroir_hedge_fired_total",
            description: "Hedges sent; outcome winner when the hedge's answer was used, loser when the first request answered first.");
        _fired.Add(0, Winner);
        _fired.Add(0, Loser);
        _budgetExhausted = meter.CreateCounter<long>("miroir_hedge_budget_exhausted_total",
            description: "Hedges not sent because the query's max_hedges_per_query or the process-wide budget_percent was used up.");
        _budgetExhausted.Add(0);
        _exploration = meter.CreateCounter<long>("miroir_replica_selection_exploration_total",
            description: "Reads that asked the query's own replica although adaptive selection ranked its node far behind the best.");
        _exploration.Add(0);
        meter.CreateObservableGauge("miroir_replica_selection_score",
            () => loads.All.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => ClusterMetrics.Sample(l.Value.Rank(errorWeight), "node_id", l.Key)),
            description: "Adaptive selection rank of each node (lower is preferred).");
    }

    public void HedgeWon() => _fired.Add(1, Winner);

    public void HedgeLost() => _fired.Add(1, Loser);

    public void HedgeBudgetExhausted() => _budgetExhausted.Add(1);

    public void Exploration() => _exploration.Add(1);
}
