using System.Net;

namespace Miroir.Core.Configuration;

/// <summary>
/// Cross-key and range checks of a bound config (spec §12): every error names its key.
/// Also usable on configs built in code (tests, <c>miroir dev</c>).
/// </summary>
public static class ConfigValidator
{
    /// <summary>Highest accepted S; beyond it per-node shard filters grow unreasonable.</summary>
    public const int MaxShards = 65536;

    /// <summary>Largest replica page the reconciler asks for; bigger pages only cost memory.</summary>
    public const int MaxFingerprintBatchSize = 100_000;

    /// <summary>Longest accepted reserved field name (the router splices it into a fixed-size suffix).</summary>
    public const int MaxReservedFieldLength = 48;

    /// <summary>Longest settings timeout or drift interval, in seconds (a day): longer ones are typos.</summary>
    public const int MaxSettingsSeconds = 86_400;

    /// <summary>Most settings re-applications; the backoff doubles each time, so more would wait for hours.</summary>
    public const int MaxRepairRetries = 10;

    /// <summary>Longest idempotency key lifetime (30 days): every key costs memory and snapshot space until it expires.</summary>
    public const int MaxIdempotencyTtlSeconds = 2_592_000;

    /// <summary>Longest coalescing window: a joined search answers with results up to this old.</summary>
    public const int MaxCoalescingWindowMs = 10_000;

    public static IReadOnlyList<ConfigError> Validate(MiroirConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<ConfigError>();
        void Check(bool ok, string key, string message)
        {
            if (!ok)
            {
                errors.Add(new ConfigError(key, message));
            }
        }

        Check(config.Shards is >= 1 and <= MaxShards, "shards", $"must be between 1 and {MaxShards}, got {config.Shards}");
        Check(config.ReplicationFactor >= 1, "replication_factor", $"must be at least 1, got {config.ReplicationFactor}");
        Check(config.ReplicaGroups >= 1, "replica_groups", $"must be at least 1, got {config.ReplicaGroups}");
        Check(config.WriteQuorum is null || Enum.IsDefined(config.WriteQuorum.Value), "write_quorum", "must be one, majority or all");
        ValidateNodes(config, errors);

        var state = config.State;
        Check(state.Backend != StateBackend.Log || state.Path.Length > 0, "state.path", "required when state.backend is log");
        Check(state.SnapshotAfterBytes >= 1, "state.snapshot_after_bytes", $"must be at least 1, got {state.SnapshotAfterBytes}");
        Check(state.Backend != StateBackend.Redis || state.RedisUrl.Length > 0, "state.redis_url", "required when state.backend is redis");

        var health = config.Health;
        Check(health.IntervalMs >= 1, "health.interval_ms", $"must be at least 1, got {health.IntervalMs}");
        Check(health.TimeoutMs >= 1, "health.timeout_ms", $"must be at least 1, got {health.TimeoutMs}");
        Check(health.UnhealthyThreshold >= 1, "health.unhealthy_threshold", $"must be at least 1, got {health.UnhealthyThreshold}");
        Check(health.RecoveryThreshold >= 1, "health.recovery_threshold", $"must be at least 1, got {health.RecoveryThreshold}");

        Check(config.Scatter.NodeTimeoutMs >= 1, "scatter.node_timeout_ms", $"must be at least 1, got {config.Scatter.NodeTimeoutMs}");
        Check(Enum.IsDefined(config.Scatter.UnavailableShardPolicy), "scatter.unavailable_shard_policy", "must be partial or error");

        ValidateReadTail(config, Check);
        ValidateDedup(config, Check);

        var rebalancer = config.Rebalancer;
        Check(rebalancer.MaxConcurrentMigrations >= 1, "rebalancer.max_concurrent_migrations", $"must be at least 1, got {rebalancer.MaxConcurrentMigrations}");
        Check(rebalancer.MigrationTimeoutS >= 1, "rebalancer.migration_timeout_s", $"must be at least 1, got {rebalancer.MigrationTimeoutS}");
        Check(rebalancer.BatchSize is >= 1 and <= 100_000, "rebalancer.batch_size", $"must be between 1 and 100000, got {rebalancer.BatchSize}");
        Check(rebalancer.BatchPauseMs >= 0, "rebalancer.batch_pause_ms", $"must be at least 0, got {rebalancer.BatchPauseMs}");

        ValidateAntiEntropy(config.AntiEntropy, Check);

        var broadcast = config.SettingsBroadcast;
        Check(Enum.IsDefined(broadcast.Strategy), "settings_broadcast.strategy", "must be two_phase or sequential");
        Check(broadcast.VerifyTimeoutS is >= 1 and <= MaxSettingsSeconds, "settings_broadcast.verify_timeout_s",
            $"must be between 1 and {MaxSettingsSeconds}, got {broadcast.VerifyTimeoutS}");
        Check(broadcast.MaxRepairRetries is >= 1 and <= MaxRepairRetries, "settings_broadcast.max_repair_retries",
            $"must be between 1 and {MaxRepairRetries}, got {broadcast.MaxRepairRetries}");
        Check(config.SettingsDriftCheck.IntervalS is >= 1 and <= MaxSettingsSeconds, "settings_drift_check.interval_s",
            $"must be between 1 and {MaxSettingsSeconds}, got {config.SettingsDriftCheck.IntervalS}");

        var server = config.Server;
        Check(server.Port is >= 1 and <= 65535, "server.port", $"must be a port between 1 and 65535, got {server.Port}");
        Check(server.MetricsPort is >= 0 and <= 65535, "server.metrics_port", $"must be a port between 1 and 65535 (0 = no separate listener), got {server.MetricsPort}");
        Check(server.MetricsPort == 0 || server.MetricsPort != server.Port, "server.metrics_port", $"must differ from server.port ({server.Port})");
        Check(IsBindAddress(server.Bind), "server.bind", $"must be an IP address or host name, got '{server.Bind}'");
        Check(server.MaxBodyBytes >= 1, "server.max_body_bytes", $"must be at least 1, got {server.MaxBodyBytes}");
        return errors;
    }

    private static void ValidateNodes(MiroirConfig config, List<ConfigError> errors)
    {
        if (config.Nodes.Count == 0)
        {
            errors.Add(new ConfigError("nodes", "at least one node is required"));
            return;
        }

        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var perGroup = new int[Math.Max(config.ReplicaGroups, 0)];
        for (var i = 0; i < config.Nodes.Count; i++)
        {
            var node = config.Nodes[i];
            var key = $"nodes[{i}]";
            if (node.Id.Length == 0 || node.Id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                errors.Add(new ConfigError(key + ".id", $"must be non-empty without spaces or control characters, got '{node.Id}'"));
            }
            else if (!firstIndex.TryAdd(node.Id, i))
            {
                errors.Add(new ConfigError(key + ".id", $"duplicate node id '{node.Id}' (also nodes[{firstIndex[node.Id]}])"));
            }

            if (!IsNodeAddress(node.Address))
            {
                errors.Add(new ConfigError(key + ".address", $"must be an absolute http:// or https:// URL without query or fragment, got '{node.Address}'"));
            }

            if (perGroup.Length == 0)
            {
                // replica_groups itself is invalid and already reported; per-node noise would not help.
                continue;
            }

            if (node.ReplicaGroup < 0 || node.ReplicaGroup >= perGroup.Length)
            {
                errors.Add(new ConfigError(key + ".replica_group", $"must be between 0 and {config.ReplicaGroups - 1} (replica_groups is {config.ReplicaGroups}), got {node.ReplicaGroup}"));
            }
            else
            {
                perGroup[node.ReplicaGroup]++;
            }
        }

        for (var g = 0; g < perGroup.Length; g++)
        {
            if (perGroup[g] < config.ReplicationFactor && config.ReplicationFactor >= 1)
            {
                errors.Add(new ConfigError("replication_factor", $"{config.ReplicationFactor} exceeds the {perGroup[g]} node(s) of replica group {g}"));
            }
        }
    }

    private static void ValidateAntiEntropy(AntiEntropyConfig ae, Action<bool, string, string> check)
    {
        check(ScheduleInterval.TryParse(ae.Schedule, out _), "anti_entropy.schedule",
            $"must be 'every <n><unit>' with a positive whole n and a unit of ms, s, m, h or d (e.g. 'every 6h'), got '{ae.Schedule}'");
        check(ae.ShardsPerPass >= 0, "anti_entropy.shards_per_pass", $"must be at least 0 (0 = every shard), got {ae.ShardsPerPass}");
        check(ae.MaxReadConcurrency >= 1, "anti_entropy.max_read_concurrency", $"must be at least 1, got {ae.MaxReadConcurrency}");
        check(ae.FingerprintBatchSize is >= 1 and <= MaxFingerprintBatchSize, "anti_entropy.fingerprint_batch_size",
            $"must be between 1 and {MaxFingerprintBatchSize}, got {ae.FingerprintBatchSize}");
        check(IsReservedFieldName(ae.UpdatedAtField), "anti_entropy.updated_at_field",
            $"must start with _miroir_ (responses strip that prefix) and use only a-z, 0-9 and _, at most {MaxReservedFieldLength} characters, got '{ae.UpdatedAtField}'");
        check(ScheduleInterval.TryParse(ae.TombstoneTtl, out _), "anti_entropy.tombstone_ttl",
            $"must be '<n><unit>' with a positive whole n and a unit of ms, s, m, h or d (e.g. '7d'), got '{ae.TombstoneTtl}'");
        check(ae.MaxTombstones >= 1, "anti_entropy.max_tombstones", $"must be at least 1, got {ae.MaxTombstones}");
    }

    private static void ValidateReadTail(MiroirConfig config, Action<bool, string, string> check)
    {
        var hedging = config.Hedging;
        check(hedging.P95TriggerMultiplier is >= 1 and <= 100, "hedging.p95_trigger_multiplier",
            $"must be between 1 and 100, got {hedging.P95TriggerMultiplier}");
        check(hedging.MinTriggerMs >= 1, "hedging.min_trigger_ms", $"must be at least 1, got {hedging.MinTriggerMs}");
        check(hedging.MaxHedgesPerQuery >= 0, "hedging.max_hedges_per_query", $"must be at least 0, got {hedging.MaxHedgesPerQuery}");
        check(hedging.BudgetPercent is >= 0 and <= 100, "hedging.budget_percent", $"must be between 0 and 100, got {hedging.BudgetPercent}");

        var selection = config.ReplicaSelection;
        check(Enum.IsDefined(selection.Strategy), "replica_selection.strategy", "must be adaptive, round_robin or random");
        check(selection.ErrorWeight is >= 0 and <= 1000, "replica_selection.error_weight", $"must be between 0 and 1000, got {selection.ErrorWeight}");
        check(selection.ExplorationEpsilon is > 0 and <= 0.5, "replica_selection.exploration_epsilon",
            $"must be above 0 (a slowed node is only re-measured through exploration) and at most 0.5, got {selection.ExplorationEpsilon}");
    }

    private static void ValidateDedup(MiroirConfig config, Action<bool, string, string> check)
    {
        var idempotency = config.Idempotency;
        check(idempotency.TtlSeconds is >= 1 and <= MaxIdempotencyTtlSeconds, "idempotency.ttl_seconds",
            $"must be between 1 and {MaxIdempotencyTtlSeconds} (30 days), got {idempotency.TtlSeconds}");
        check(idempotency.MaxCachedKeys >= 1, "idempotency.max_cached_keys", $"must be at least 1, got {idempotency.MaxCachedKeys}");

        var coalescing = config.QueryCoalescing;
        check(coalescing.WindowMs is >= 1 and <= MaxCoalescingWindowMs, "query_coalescing.window_ms",
            $"must be between 1 and {MaxCoalescingWindowMs}, got {coalescing.WindowMs}");
        check(coalescing.MaxSubscribers >= 1, "query_coalescing.max_subscribers", $"must be at least 1, got {coalescing.MaxSubscribers}");
        check(coalescing.MaxPendingQueries >= 1, "query_coalescing.max_pending_queries",
            $"must be at least 1, got {coalescing.MaxPendingQueries}");
    }

    private static bool IsReservedFieldName(string name) =>
        name.Length is > 8 and <= MaxReservedFieldLength
        && name.StartsWith("_miroir_", StringComparison.Ordinal)
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    private static bool IsNodeAddress(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0 && uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0;

    private static bool IsBindAddress(string bind) =>
        IPAddress.TryParse(bind, out _) || Uri.CheckHostName(bind) == UriHostNameType.Dns;
}
