using System.Diagnostics.Metrics;
using Miroir.Proxy.Metrics;

namespace Miroir.Proxy.Tests.Metrics;

public sealed class PrometheusExporterUnitTests : IDisposable
{
    private readonly Meter _meter = new(ProxyMetrics.MeterName);
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterUnitTests() => _exporter = new PrometheusExporter(_meter);

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public void Scrape_CounterWithTags_WritesHelpTypeAndEscapedSamples()
    {
        var counter = _meter.CreateCounter<long>("miroir_test_total", description: "A test\\counter.");
        counter.Add(1, new("node_id", "node-1"), new("kind", "a\"b"));
        counter.Add(2, new("node_id", "node-1"), new("kind", "a\"b"));
        counter.Add(1, new("node_id", "node-0"), new("kind", "line\nbreak\\"));

        Assert.Equal(
            "# HELP miroir_test_total A test\\\\counter.\n" +
            "# TYPE miroir_test_total counter\n" +
            "miroir_test_total{node_id=\"node-0\",kind=\"line\\nbreak\\\\\"} 1\n" +
            "miroir_test_total{node_id=\"node-1\",kind=\"a\\\"b\"} 3\n",
            _exporter.Scrape());
    }

    [Fact]
    public void Scrape_Histogram_WritesCumulativeBucketsOfTheAdvisedBoundariesSumAndCount()
    {
        var histogram = _meter.CreateHistogram("miroir_latency_seconds", "s", "Latency.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        histogram.Record(0.05);
        histogram.Record(0.1);
        histogram.Record(0.5);
        histogram.Record(3);

        Assert.Equal(
            "# HELP miroir_latency_seconds Latency.\n" +
            "# TYPE miroir_latency_seconds histogram\n" +
            "miroir_latency_seconds_bucket{le=\"0.1\"} 2\n" +
            "miroir_latency_seconds_bucket{le=\"1\"} 3\n" +
            "miroir_latency_seconds_bucket{le=\"+Inf\"} 4\n" +
            "miroir_latency_seconds_sum 3.65\n" +
            "miroir_latency_seconds_count 4\n",
            _exporter.Scrape());
    }

    [Fact]
    public void Scrape_UpDownCounterAndObservableGauge_WriteCurrentValues()
    {
        var gauge = _meter.CreateUpDownCounter<long>("miroir_in_flight", description: "In flight.");
        gauge.Add(1);
        gauge.Add(1);
        gauge.Add(-1);
        var ratio = 0.25;
        _meter.CreateObservableGauge("miroir_ratio", () => new[]
        {
            new Measurement<double>(ratio, new KeyValuePair<string, object?>("shard", "x")),
            new Measurement<double>(double.NaN, new KeyValuePair<string, object?>("shard", "y")),
        }, description: "Ratio.");

        var text = _exporter.Scrape();
        Assert.Contains("# TYPE miroir_in_flight gauge\nmiroir_in_flight 1\n", text, StringComparison.Ordinal);
        Assert.Contains("miroir_ratio{shard=\"x\"} 0.25\nmiroir_ratio{shard=\"y\"} NaN\n", text, StringComparison.Ordinal);
        ratio = 0.5;
        Assert.Contains("miroir_ratio{shard=\"x\"} 0.5\nmiroir_ratio{shard=\"y\"} NaN\n", _exporter.Scrape(), StringComparison.Ordinal); // not appended
    }

    [Fact]
    public void Scrape_ObservableCounterWithoutMeasurements_WritesTypeHeaderOnly()
    {
        _meter.CreateObservableCounter<double>("miroir_done_total", () => 7, description: "Done.");
        _meter.CreateCounter<long>("miroir_never_total", description: "Never.");

        Assert.Equal(
            "# HELP miroir_done_total Done.\n# TYPE miroir_done_total counter\nmiroir_done_total 7\n" +
            "# HELP miroir_never_total Never.\n# TYPE miroir_never_total counter\n",
            _exporter.Scrape());
    }

    [Fact]
    public void Scrape_OtherMetersInstruments_NotExported()
    {
        using var other = new Meter(ProxyMetrics.MeterName);
        other.CreateCounter<long>("miroir_other_total").Add(1);

        Assert.DoesNotContain("miroir_other_total", _exporter.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Register_SameNameTwice_Throws()
    {
        _meter.CreateCounter<long>("miroir_twice_total", description: "Once.");
        Assert.Throws<InvalidOperationException>(() => _meter.CreateUpDownCounter<long>("miroir_twice_total", description: "Twice."));
    }

    [Fact]
    public void Record_SeriesExists_AllocatesNothing()
    {
        var counter = _meter.CreateCounter<long>("miroir_alloc_total");
        var histogram = _meter.CreateHistogram<double>("miroir_alloc_seconds");
        KeyValuePair<string, object?> node = new("node_id", "node-0"), op = new("operation", "read");
        counter.Add(1, node, op);
        histogram.Record(0.01, node, op);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            counter.Add(1, node, op);
            histogram.Record(0.01, node, op);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
