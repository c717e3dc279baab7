using System.Diagnostics.Metrics;

namespace Miroir.Proxy.Metrics;

/// <summary>
/// The core metrics of 06-operations §3 ("Core metrics") as <see cref="System.Diagnostics.Metrics"/> instruments on
/// one <see cref="Meter"/> per orchestrator, exported by <see cref="PrometheusExporter"/>. Request paths record through
/// these fields; gauges that describe state (health, coverage, tasks) are observable instruments that
/// <c>Admin.ClusterMetrics</c> adds. Features add their own instruments to <see cref="Meter"/>.
/// </summary>
public sealed class ProxyMetrics : IDisposable
{
    /// <summary>The meter's name (one meter per orchestrator; the exporter listens to its own only).</summary>
    public const string MeterName = "Miroir.Proxy";

    /// <summary>Request and node latency buckets in seconds: 1 ms .. 10 s.</summary>
    public static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Nodes asked by one scatter: 1 .. 64.</summary>
    private static readonly double[] FanOutBuckets = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64];

    private readonly PrometheusExporter _exporter;

    /// <param name="time">The clock request timestamps come from (<see cref="Start"/>); the system clock when null.</param>
    public ProxyMetrics(TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        Meter = new Meter(MeterName);
        _exporter = new PrometheusExporter(Meter);
        RequestDuration = Meter.CreateHistogram("miroir_request_duration_seconds", "s", "Client request latency by route template.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        Requests = Meter.CreateCounter<long>("miroir_requests_total", description: "Client requests answered, by route template.");
        InFlight = Meter.CreateUpDownCounter<long>("miroir_requests_in_flight", description: "Client requests being served now.");
        InFlight.Add(0);
        NodeRequestDuration = Meter.CreateHistogram("miroir_node_request_duration_seconds", "s", "Latency of requests sent to nodes.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        NodeErrors = Meter.CreateCounter<long>("miroir_node_errors_total", description: "Node requests that failed: unreachable, timeout or 5xx.");
        ScatterFanOut = Meter.CreateHistogram("miroir_scatter_fan_out_size", description: "Nodes asked by the first round of one scatter.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FanOutBuckets });
        ScatterPartial = Meter.CreateCounter<long>("miroir_scatter_partial_responses_total", description: "Scatters that ended with shards no replica answered.");
        ScatterPartial.Add(0);
        ScatterRetries = Meter.CreateCounter<long>("miroir_scatter_retries_total", description: "Shards re-asked on another replica or group after a node failed.");
        ScatterRetries.Add(0);
    }

    /// <summary>The meter every orchestrator metric is an instrument of.</summary>
    public Meter Meter { get; }

    /// <summary>The clock of every duration recorded here: virtual in tests, so timed paths run on virtual time.</summary>
    public TimeProvider Time { get; }

    /// <summary>Tags: method, path_template, status.</summary>
    public Histogram<double> RequestDuration { get; }

    /// <summary>Tags: method, path_template, status.</summary>
    public Counter<long> Requests { get; }

    public UpDownCounter<long> InFlight { get; }

    /// <summary>Tags: node_id, operation.</summary>
    public Histogram<double> NodeRequestDuration { get; }

    /// <summary>Tags: node_id, error_type (a <see cref="NodeErrorTypes"/> value).</summary>
    public Counter<long> NodeErrors { get; }

    public Histogram<double> ScatterFanOut { get; }

    public Counter<long> ScatterPartial { get; }

    public Counter<long> ScatterRetries { get; }

    /// <summary>A start timestamp for a duration recorded here (<see cref="NodeRequest(string, string, long, string?)"/>, request durations).</summary>
    public long Start() => Time.GetTimestamp();

    /// <summary>Records one node request (<paramref name="errorType"/> null when it succeeded).</summary>
    public void NodeRequest(string nodeId, string operation, long startTimestamp, string? errorType) =>
        NodeRequest(nodeId, operation, Time.GetElapsedTime(startTimestamp), errorType);

    /// <summary>Records one node request that took <paramref name="elapsed"/> (<paramref name="errorType"/> null when it succeeded).</summary>
    public void NodeRequest(string nodeId, string operation, TimeSpan elapsed, string? errorType)
    {
        NodeRequestDuration.Record(elapsed.TotalSeconds, new("node_id", nodeId), new("operation", operation));
        if (errorType is not null)
        {
            NodeError(nodeId, errorType);
        }
    }

    public void NodeError(string nodeId, string errorType) => NodeErrors.Add(1, new("node_id", nodeId), new("error_type", errorType));

    /// <summary>Every metric in the Prometheus text exposition format 0.0.4.</summary>
    public string Scrape() => _exporter.Scrape();

    public void Dispose()
    {
        _exporter.Dispose();
        Meter.Dispose();
    }
}
