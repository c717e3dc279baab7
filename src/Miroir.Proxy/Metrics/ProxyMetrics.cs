namespace Miroir.Proxy.Metrics;

/// <summary>
/// The core metrics of 06-operations §3 ("Core metrics"), registered once per orchestrator. Request paths record
/// through these fields; gauges that describe state (health, coverage, tasks) are computed at scrape time by
/// <c>Admin.ClusterMetrics</c>. Features add their own families to <see cref="Registry"/>.
/// </summary>
public sealed class ProxyMetrics
{
    /// <summary>Nodes asked by one scatter: 1 .. 64.</summary>
    private static readonly double[] FanOutBuckets = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64];

    /// <param name="time">The clock request timestamps come from (<see cref="Start"/>); the system clock when null.</param>
    public ProxyMetrics(TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        var r = Registry;
        RequestDuration = r.Histogram("miroir_request_duration_seconds", "Client request latency by route template.",
            MetricsRegistry.LatencyBuckets, "method", "path_template", "status");
        Requests = r.Counter("miroir_requests_total", "Client requests answered, by route template.", "method", "path_template", "status");
        InFlight = r.Gauge("miroir_requests_in_flight", "Client requests being served now.").WithLabels();
        NodeRequestDuration = r.Histogram("miroir_node_request_duration_seconds", "Latency of requests sent to nodes.",
            MetricsRegistry.LatencyBuckets, "node_id", "operation");
        NodeErrors = r.Counter("miroir_node_errors_total", "Node requests that failed: unreachable, timeout or 5xx.", "node_id", "error_type");
        ScatterFanOut = r.Histogram("miroir_scatter_fan_out_size", "Nodes asked by the first round of one scatter.", FanOutBuckets).WithLabels();
        ScatterPartial = r.Counter("miroir_scatter_partial_responses_total", "Scatters that ended with shards no replica answered.").WithLabels();
        ScatterRetries = r.Counter("miroir_scatter_retries_total", "Shards re-asked on another replica or group after a node failed.").WithLabels();
    }

    public MetricsRegistry Registry { get; } = new();

    /// <summary>The clock of every duration recorded here: virtual in tests, so timed paths run on virtual time.</summary>
    public TimeProvider Time { get; }

    /// <summary>A start timestamp for a duration recorded here (<see cref="NodeRequest"/>, request durations).</summary>
    public long Start() => Time.GetTimestamp();

    public LabelledFamily<Histogram> RequestDuration { get; }

    public LabelledFamily<Counter> Requests { get; }

    public Gauge InFlight { get; }

    public LabelledFamily<Histogram> NodeRequestDuration { get; }

    public LabelledFamily<Counter> NodeErrors { get; }

    public Histogram ScatterFanOut { get; }

    public Counter ScatterPartial { get; }

    public Counter ScatterRetries { get; }

    /// <summary>Records one node request (<paramref name="errorType"/> null when it succeeded).</summary>
    public void NodeRequest(string nodeId, string operation, long startTimestamp, string? errorType)
    {
        NodeRequestDuration.WithLabels(nodeId, operation).Observe(Time.GetElapsedTime(startTimestamp).TotalSeconds);
        if (errorType is not null)
        {
            NodeErrors.WithLabels(nodeId, errorType).Inc();
        }
    }
}
