using BenchmarkDotNet.Attributes;
using Miroir.Proxy.Metrics;

namespace Miroir.Benchmarks.Metrics;

/// <summary>What every client request pays for metrics: a labelled counter and a labelled histogram, plus in-flight.</summary>
[MemoryDiagnoser]
public class MetricsRecordingBenchmarks
{
    private readonly ProxyMetrics _metrics = new();
    private readonly long _start = System.Diagnostics.Stopwatch.GetTimestamp();

    [Benchmark]
    public void RecordRequest()
    {
        _metrics.InFlight.Inc();
        _metrics.InFlight.Dec();
        _metrics.Requests.WithLabels("POST", "/indexes/{uid}/search", "200").Inc();
        _metrics.RequestDuration.WithLabels("POST", "/indexes/{uid}/search", "200").ObserveSince(_start);
    }
}
