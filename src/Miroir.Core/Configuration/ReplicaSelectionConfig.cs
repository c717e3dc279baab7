namespace Miroir.Core.Configuration;

/// <summary>The <c>replica_selection</c> section (spec §13.3): which replica of each shard a read asks.</summary>
public sealed record ReplicaSelectionConfig
{
    public ReplicaStrategy Strategy { get; init; } = ReplicaStrategy.Adaptive;

    /// <summary>How much a node's error rate (EWMA, 0..1) multiplies its rank: rank × (1 + error_weight × rate).</summary>
    public double ErrorWeight { get; init; } = 10.0;

    /// <summary>Share of reads that ignore the ranks and ask the query's own replica, so a slowed node is re-measured.</summary>
    public double ExplorationEpsilon { get; init; } = 0.05;
}
