using System.Collections.Frozen;

namespace Miroir.Core.Configuration;

/// <summary>
/// The table of every miroir.yaml key. Adding a key here makes it loadable from YAML and
/// overridable from its <c>MIROIR_*</c> variable; everything else is refused as unknown.
/// </summary>
public static class ConfigKeys
{
    /// <summary>All keys, in the order of spec §12.</summary>
    public static IReadOnlyList<ConfigKey> All { get; } =
    [
        ConfigKey.Text("master_key", (c, v) => c with { MasterKey = v }),
        ConfigKey.Text("node_master_key", (c, v) => c with { NodeMasterKey = v }),
        ConfigKey.Int("shards", (c, v) => c with { Shards = v }),
        ConfigKey.Int("replication_factor", (c, v) => c with { ReplicationFactor = v }),
        ConfigKey.Int("replica_groups", (c, v) => c with { ReplicaGroups = v }),
        ConfigKey.Choice<WriteQuorumPolicy?>("write_quorum",
            [("one", WriteQuorumPolicy.One), ("majority", WriteQuorumPolicy.Majority), ("all", WriteQuorumPolicy.All)],
            (c, v) => c with { WriteQuorum = v }),
        ConfigKey.List("nodes"),
        ConfigKey.Choice("state.backend", [("log", StateBackend.Log), ("redis", StateBackend.Redis)],
            (c, v) => c with { State = c.State with { Backend = v } }),
        ConfigKey.Text("state.path", (c, v) => c with { State = c.State with { Path = v } }),
        ConfigKey.Long("state.snapshot_after_bytes", (c, v) => c with { State = c.State with { SnapshotAfterBytes = v } }),
        ConfigKey.Text("state.redis_url", (c, v) => c with { State = c.State with { RedisUrl = v } }),
        ConfigKey.Bool("admin.enabled", (c, v) => c with { Admin = c.Admin with { Enabled = v } }),
        ConfigKey.Text("admin.api_key", (c, v) => c with { Admin = c.Admin with { ApiKey = v } }),
        ConfigKey.Int("health.interval_ms", (c, v) => c with { Health = c.Health with { IntervalMs = v } }),
        ConfigKey.Int("health.timeout_ms", (c, v) => c with { Health = c.Health with { TimeoutMs = v } }),
        ConfigKey.Int("health.unhealthy_threshold", (c, v) => c with { Health = c.Health with { UnhealthyThreshold = v } }),
        ConfigKey.Int("health.recovery_threshold", (c, v) => c with { Health = c.Health with { RecoveryThreshold = v } }),
        ConfigKey.Int("scatter.node_timeout_ms", (c, v) => c with { Scatter = c.Scatter with { NodeTimeoutMs = v } }),
        ConfigKey.Bool("scatter.retry_on_timeout", (c, v) => c with { Scatter = c.Scatter with { RetryOnTimeout = v } }),
        ConfigKey.Choice("scatter.unavailable_shard_policy",
            [("partial", UnavailableShardPolicy.Partial), ("error", UnavailableShardPolicy.Error)],
            (c, v) => c with { Scatter = c.Scatter with { UnavailableShardPolicy = v } }),
        ConfigKey.Bool("hedging.enabled", (c, v) => c with { Hedging = c.Hedging with { Enabled = v } }),
        ConfigKey.Double("hedging.p95_trigger_multiplier", (c, v) => c with { Hedging = c.Hedging with { P95TriggerMultiplier = v } }),
        ConfigKey.Int("hedging.min_trigger_ms", (c, v) => c with { Hedging = c.Hedging with { MinTriggerMs = v } }),
        ConfigKey.Int("hedging.max_hedges_per_query", (c, v) => c with { Hedging = c.Hedging with { MaxHedgesPerQuery = v } }),
        ConfigKey.Bool("hedging.cross_group_fallback", (c, v) => c with { Hedging = c.Hedging with { CrossGroupFallback = v } }),
        ConfigKey.Int("hedging.budget_percent", (c, v) => c with { Hedging = c.Hedging with { BudgetPercent = v } }),
        ConfigKey.Choice("replica_selection.strategy",
            [("adaptive", ReplicaStrategy.Adaptive), ("round_robin", ReplicaStrategy.RoundRobin), ("random", ReplicaStrategy.Random)],
            (c, v) => c with { ReplicaSelection = c.ReplicaSelection with { Strategy = v } }),
        ConfigKey.Double("replica_selection.error_weight", (c, v) => c with { ReplicaSelection = c.ReplicaSelection with { ErrorWeight = v } }),
        ConfigKey.Double("replica_selection.exploration_epsilon",
            (c, v) => c with { ReplicaSelection = c.ReplicaSelection with { ExplorationEpsilon = v } }),
        ConfigKey.Bool("rebalancer.auto_rebalance_on_recovery",
            (c, v) => c with { Rebalancer = c.Rebalancer with { AutoRebalanceOnRecovery = v } }),
        ConfigKey.Int("rebalancer.max_concurrent_migrations",
            (c, v) => c with { Rebalancer = c.Rebalancer with { MaxConcurrentMigrations = v } }),
        ConfigKey.Int("rebalancer.migration_timeout_s",
            (c, v) => c with { Rebalancer = c.Rebalancer with { MigrationTimeoutS = v } }),
        ConfigKey.Int("rebalancer.batch_size",
            (c, v) => c with { Rebalancer = c.Rebalancer with { BatchSize = v } }),
        ConfigKey.Int("rebalancer.batch_pause_ms",
            (c, v) => c with { Rebalancer = c.Rebalancer with { BatchPauseMs = v } }),
        ConfigKey.Bool("anti_entropy.enabled", (c, v) => c with { AntiEntropy = c.AntiEntropy with { Enabled = v } }),
        ConfigKey.Text("anti_entropy.schedule", (c, v) => c with { AntiEntropy = c.AntiEntropy with { Schedule = v } }),
        ConfigKey.Int("anti_entropy.shards_per_pass", (c, v) => c with { AntiEntropy = c.AntiEntropy with { ShardsPerPass = v } }),
        ConfigKey.Int("anti_entropy.max_read_concurrency",
            (c, v) => c with { AntiEntropy = c.AntiEntropy with { MaxReadConcurrency = v } }),
        ConfigKey.Int("anti_entropy.fingerprint_batch_size",
            (c, v) => c with { AntiEntropy = c.AntiEntropy with { FingerprintBatchSize = v } }),
        ConfigKey.Bool("anti_entropy.auto_repair", (c, v) => c with { AntiEntropy = c.AntiEntropy with { AutoRepair = v } }),
        ConfigKey.Text("anti_entropy.updated_at_field", (c, v) => c with { AntiEntropy = c.AntiEntropy with { UpdatedAtField = v } }),
        ConfigKey.Text("anti_entropy.tombstone_ttl", (c, v) => c with { AntiEntropy = c.AntiEntropy with { TombstoneTtl = v } }),
        ConfigKey.Int("anti_entropy.max_tombstones", (c, v) => c with { AntiEntropy = c.AntiEntropy with { MaxTombstones = v } }),
        ConfigKey.Choice("settings_broadcast.strategy",
            [("two_phase", SettingsBroadcastStrategy.TwoPhase), ("sequential", SettingsBroadcastStrategy.Sequential)],
            (c, v) => c with { SettingsBroadcast = c.SettingsBroadcast with { Strategy = v } }),
        ConfigKey.Int("settings_broadcast.verify_timeout_s",
            (c, v) => c with { SettingsBroadcast = c.SettingsBroadcast with { VerifyTimeoutS = v } }),
        ConfigKey.Int("settings_broadcast.max_repair_retries",
            (c, v) => c with { SettingsBroadcast = c.SettingsBroadcast with { MaxRepairRetries = v } }),
        ConfigKey.Bool("settings_broadcast.freeze_writes_on_unrepairable",
            (c, v) => c with { SettingsBroadcast = c.SettingsBroadcast with { FreezeWritesOnUnrepairable = v } }),
        ConfigKey.Int("settings_drift_check.interval_s",
            (c, v) => c with { SettingsDriftCheck = c.SettingsDriftCheck with { IntervalS = v } }),
        ConfigKey.Bool("settings_drift_check.auto_repair",
            (c, v) => c with { SettingsDriftCheck = c.SettingsDriftCheck with { AutoRepair = v } }),
        ConfigKey.Bool("idempotency.enabled", (c, v) => c with { Idempotency = c.Idempotency with { Enabled = v } }),
        ConfigKey.Int("idempotency.ttl_seconds", (c, v) => c with { Idempotency = c.Idempotency with { TtlSeconds = v } }),
        ConfigKey.Int("idempotency.max_cached_keys", (c, v) => c with { Idempotency = c.Idempotency with { MaxCachedKeys = v } }),
        ConfigKey.Bool("query_coalescing.enabled", (c, v) => c with { QueryCoalescing = c.QueryCoalescing with { Enabled = v } }),
        ConfigKey.Int("query_coalescing.window_ms", (c, v) => c with { QueryCoalescing = c.QueryCoalescing with { WindowMs = v } }),
        ConfigKey.Int("query_coalescing.max_subscribers",
            (c, v) => c with { QueryCoalescing = c.QueryCoalescing with { MaxSubscribers = v } }),
        ConfigKey.Int("query_coalescing.max_pending_queries",
            (c, v) => c with { QueryCoalescing = c.QueryCoalescing with { MaxPendingQueries = v } }),
        ConfigKey.Int("server.port", (c, v) => c with { Server = c.Server with { Port = v } }),
        ConfigKey.Text("server.bind", (c, v) => c with { Server = c.Server with { Bind = v } }),
        ConfigKey.Long("server.max_body_bytes", (c, v) => c with { Server = c.Server with { MaxBodyBytes = v } }),
        ConfigKey.Int("server.metrics_port", (c, v) => c with { Server = c.Server with { MetricsPort = v } }),
        ConfigKey.Bool("server.inline_io", (c, v) => c with { Server = c.Server with { InlineIo = v } }),
    ];

    private static readonly FrozenDictionary<string, ConfigKey> ByPath =
        All.ToFrozenDictionary(k => k.Path, StringComparer.Ordinal);

    private static readonly FrozenSet<string> Sections =
        All.Where(k => k.Path.Contains('.', StringComparison.Ordinal))
            .Select(k => k.Path[..k.Path.IndexOf('.', StringComparison.Ordinal)])
            .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The key with this dotted path, or null.</summary>
    public static ConfigKey? Find(string path) => ByPath.GetValueOrDefault(path);

    /// <summary>True if <paramref name="name"/> is a top-level section (a mapping of keys).</summary>
    public static bool IsSection(string name) => Sections.Contains(name);
}
