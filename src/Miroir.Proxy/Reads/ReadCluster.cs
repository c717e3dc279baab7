using Miroir.Core.Configuration;
using Miroir.Proxy.Metrics;

namespace Miroir.Proxy.Reads;

/// <summary>
/// The narrow view of the orchestrator the read side needs: index metadata, one pooled client per node,
/// node health and the scatter settings. The hosting code fills it from its cluster state.
/// </summary>
public sealed class ReadCluster
{
    private ulong _searches;

    /// <summary>Index metadata by uid, or null when the index does not exist.</summary>
    public required Func<string, ReadIndex?> FindIndex { get; init; }

    /// <summary>Every index (for <c>GET /stats</c>).</summary>
    public required Func<IReadOnlyList<ReadIndex>> ListIndexes { get; init; }

    /// <summary>The pooled client for a node ordinal; requests use absolute URIs built from the node address.
    /// <see cref="NodeCall"/> sets the timeout and the bearer key itself, so a bare invoker over the handler does.</summary>
    public required Func<int, HttpMessageInvoker> NodeClient { get; init; }

    /// <summary>Health view (ordinal → may be asked); null means every node is assumed up.</summary>
    public Func<int, bool>? IsNodeAvailable { get; init; }

    /// <summary>Reports one finished node request (ordinal, start timestamp, error type or null): metrics and passive health.</summary>
    public Action<int, long, string?>? NodeCompleted { get; init; }

    /// <summary>Scatter fan-out, retries and partial answers are counted here when set.</summary>
    public ProxyMetrics? Metrics { get; init; }

    /// <summary>Bearer key sent to nodes (<c>node_master_key</c>); null or empty sends none.</summary>
    public string? NodeApiKey
    {
        get;
        init
        {
            field = value;
            Authorization = string.IsNullOrEmpty(value) ? null : "Bearer " + value;
        }
    }

    /// <summary>The <c>Authorization</c> header value built once from <see cref="NodeApiKey"/>.</summary>
    internal string? Authorization { get; private init; }

    public ScatterConfig Scatter { get; init; } = new();

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

    /// <summary>Round-robin over groups and replica ranks, one step per search (spec §2).</summary>
    internal (int Group, ulong Rotation) NextRoute(int groupCount)
    {
        var n = Interlocked.Increment(ref _searches);
        return ((int)(n % (uint)groupCount), n / (uint)groupCount);
    }
}
