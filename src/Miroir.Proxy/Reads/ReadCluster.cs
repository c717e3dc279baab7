using Miroir.Core.Configuration;
using Miroir.Proxy.Coalescing;
using Miroir.Proxy.Metrics;

namespace Miroir.Proxy.Reads;

/// <summary>
/// What the read side shares across requests: the scatter, hedging and selection settings, per-node load statistics
/// and the hooks to metrics. What a request knows of the cluster comes from its own
/// <see cref="Cluster.ClusterView"/> (see <see cref="ReadIndex"/>), never from here.
/// </summary>
public sealed class ReadCluster
{
    private ulong _searches;

    /// <summary>Scatter fan-out, retries and partial answers are counted here when set.</summary>
    public ProxyMetrics? Metrics { get; init; }

    public ScatterConfig Scatter { get; init; } = new();

    /// <summary>The deadline of one node request (<c>node_timeout_ms</c>).</summary>
    internal TimeSpan NodeTimeout => TimeSpan.FromMilliseconds(Scatter.NodeTimeoutMs);

    /// <summary>Hedged reads (spec §13.2).</summary>
    public HedgingConfig Hedging { get; init; } = new();

    /// <summary>Which replica of each shard reads ask (spec §13.3).</summary>
    public ReplicaSelectionConfig ReplicaSelection { get; init; } = new();

    /// <summary>Per-node latency, error and in-flight statistics of this process's reads.</summary>
    internal NodeLoads Loads { get; init; } = new();

    internal HedgeBudget HedgeBudget { get; } = new();

    /// <summary>Hedge and selection counters when set.</summary>
    internal ReadTailMetrics? TailMetrics { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Query coalescing of searches (spec §13.10); null when <c>query_coalescing.enabled</c> is false.</summary>
    internal QueryCoalescer<ReadOutcome>? Coalescer { get; init; }

    /// <summary>Round-robin over groups and replica ranks, one step per search (spec §2).</summary>
    internal (int Group, ulong Rotation) NextRoute(int groupCount)
    {
        var n = Interlocked.Increment(ref _searches);
        return ((int)(n % (uint)groupCount), n / (uint)groupCount);
    }
}
