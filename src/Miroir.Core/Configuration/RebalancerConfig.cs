namespace Miroir.Core.Configuration;

/// <summary>The <c>rebalancer</c> section: background shard migrations.</summary>
public sealed record RebalancerConfig
{
    public bool AutoRebalanceOnRecovery { get; init; } = true;

    public int MaxConcurrentMigrations { get; init; } = 4;

    public int MigrationTimeoutS { get; init; } = 3600;

    /// <summary>Documents fetched from the source and sent to the new owner per page (<c>batch_size</c>).</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Pause after each page (<c>batch_pause_ms</c>): the throttle that keeps a copy from starving client traffic.</summary>
    public int BatchPauseMs { get; init; }
}
