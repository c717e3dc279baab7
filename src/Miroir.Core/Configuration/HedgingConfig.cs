namespace Miroir.Core.Configuration;

/// <summary>The <c>hedging</c> section (spec §13.2): a second replica is asked when a node is slower than its own p95.</summary>
public sealed record HedgingConfig
{
    public bool Enabled { get; init; } = true;

    /// <summary>The hedge fires after the node's rolling p95 times this.</summary>
    public double P95TriggerMultiplier { get; init; } = 1.2;

    /// <summary>Lower bound of the hedge delay: fast nodes are not hedged on noise.</summary>
    public int MinTriggerMs { get; init; } = 15;

    /// <summary>Hedges one client request may fire.</summary>
    public int MaxHedgesPerQuery { get; init; } = 2;

    /// <summary>A hedge may go to another replica group when the shard has no other replica in the same one.</summary>
    public bool CrossGroupFallback { get; init; } = true;

    /// <summary>Hedges allowed per 100 node requests, process-wide: extra load stays bounded even when every node slows.</summary>
    public int BudgetPercent { get; init; } = 10;
}
