namespace Miroir.Core.Configuration;

/// <summary>The <c>anti_entropy</c> section (spec §13.8): the background reconciler that repairs replicas that drifted apart.</summary>
public sealed record AntiEntropyConfig
{
    /// <summary>The reserved field Miroir stamps on every write while anti-entropy is on.</summary>
    public const string DefaultUpdatedAtField = "_miroir_updated_at";

    public bool Enabled { get; init; } = true;

    /// <summary>How often a pass starts, <c>every &lt;n&gt;&lt;ms|s|m|h|d&gt;</c> (see <see cref="ScheduleInterval"/>).</summary>
    public string Schedule { get; init; } = "every 6h";

    /// <summary>Shards looked at per pass (0 = every shard of every index); the next pass continues where this one stopped.</summary>
    public int ShardsPerPass { get; init; }

    /// <summary>Replica reads in flight at once across the whole pass.</summary>
    public int MaxReadConcurrency { get; init; } = 2;

    /// <summary>Documents per page read from a replica.</summary>
    public int FingerprintBatchSize { get; init; } = 1000;

    /// <summary>Repair divergent documents (false = report only).</summary>
    public bool AutoRepair { get; init; } = true;

    /// <summary>The write-time field; must start with <c>_miroir_</c> so responses strip it.</summary>
    public string UpdatedAtField { get; init; } = DefaultUpdatedAtField;

    /// <summary>How long a document deletion is remembered (<c>&lt;n&gt;&lt;ms|s|m|h|d&gt;</c>) so a replica that missed it cannot bring the document back.</summary>
    public string TombstoneTtl { get; init; } = "7d";

    /// <summary>Tombstones kept at most (one per deleted id, filter or delete-all); beyond it the oldest are dropped early.</summary>
    public int MaxTombstones { get; init; } = 1_000_000;

    /// <summary>The parsed <see cref="TombstoneTtl"/> (call on a validated config).</summary>
    public TimeSpan TombstoneLifetime => ScheduleInterval.TryParse(TombstoneTtl, out var ttl)
        ? ttl
        : throw new InvalidOperationException($"anti_entropy.tombstone_ttl '{TombstoneTtl}' is not valid; validate the config first.");

    /// <summary>The parsed <see cref="Schedule"/> (call on a validated config).</summary>
    public TimeSpan Interval => ScheduleInterval.TryParse(Schedule, out var interval)
        ? interval
        : throw new InvalidOperationException($"anti_entropy.schedule '{Schedule}' is not valid; validate the config first.");
}
