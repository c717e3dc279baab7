using BenchmarkDotNet.Attributes;
using Miroir.Proxy.Metrics;

namespace Miroir.Benchmarks.Metrics;

/// <summary>What every client request pays for metrics: a labelled counter and a labelled histogram, plus in-flight.</summary>
[MemoryDiagnoser]
public class MetricsRecordingBenchmarks
{
    private readonly ProxyMetrics _metrics = new();
    private readonly long _start = TimeProvider.System.GetTimestamp();

    /// <summary>As <c>RequestMetrics</c> records one answered search (its exporter listens, so nothing is a no-op).</summary>
    [Benchmark]
    public void RecordRequest()
    {
        _metrics.InFlight.Add(1);
        _metrics.InFlight.Add(-1);
        _metrics.Requests.Add(1, new("method", "POST"), new("path_template", "/indexes/{uid}/search"), new("status", "200"));
        _metrics.RequestDuration.Record(_metrics.Time.GetElapsedTime(_start).TotalSeconds,
            new("method", "POST"), new("path_template", "/indexes/{uid}/search"), new("status", "200"));
    }

    [GlobalCleanup]
    public void Cleanup() => _metrics.Dispose();
}
