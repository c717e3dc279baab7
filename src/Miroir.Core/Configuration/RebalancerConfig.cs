namespace Miroir.Core.Configuration;

/// <summary>The <c>rebalancer</c> section: background shard migrations.</summary>
public sealed record RebalancerConfig
{
    public bool AutoRebalanceOnRecovery { get; init; } = true;

    public int MaxConcurrentMigrations { get; init; } = 4;

    public int MigrationTimeoutS { get; init; } = 3600;
}
