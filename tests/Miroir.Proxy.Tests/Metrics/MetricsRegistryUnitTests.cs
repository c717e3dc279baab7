using Miroir.Proxy.Metrics;

namespace Miroir.Proxy.Tests.Metrics;

public sealed class MetricsRegistryUnitTests
{
    [Fact]
    public void Scrape_CounterWithLabels_WritesHelpTypeAndEscapedSamples()
    {
        var registry = new MetricsRegistry();
        var family = registry.Counter("miroir_test_total", "A test\\counter.", "node_id", "kind");
        family.WithLabels("node-1", "a\"b").Inc();
        family.WithLabels("node-1", "a\"b").Add(2);
        family.WithLabels("node-0", "line\nbreak\\").Inc();

        Assert.Equal(
            "# HELP miroir_test_total A test\\\\counter.\n" +
            "# TYPE miroir_test_total counter\n" +
            "miroir_test_total{node_id=\"node-0\",kind=\"line\\nbreak\\\\\"} 1\n" +
            "miroir_test_total{node_id=\"node-1\",kind=\"a\\\"b\"} 3\n",
            registry.Scrape());
    }

    [Fact]
    public void Scrape_Histogram_WritesCumulativeBucketsSumAndCount()
    {
        var registry = new MetricsRegistry();
        var histogram = registry.Histogram("miroir_latency_seconds", "Latency.", [0.1, 1]).WithLabels();
        histogram.Observe(0.05);
        histogram.Observe(0.1);
        histogram.Observe(0.5);
        histogram.Observe(3);

        Assert.Equal(
            "# HELP miroir_latency_seconds Latency.\n" +
            "# TYPE miroir_latency_seconds histogram\n" +
            "miroir_latency_seconds_bucket{le=\"0.1\"} 2\n" +
            "miroir_latency_seconds_bucket{le=\"1\"} 3\n" +
            "miroir_latency_seconds_bucket{le=\"+Inf\"} 4\n" +
            "miroir_latency_seconds_sum 3.65\n" +
            "miroir_latency_seconds_count 4\n",
            registry.Scrape());
    }

    [Fact]
    public void Scrape_GaugeAndCallback_WriteCurrentValues()
    {
        var registry = new MetricsRegistry();
        var gauge = registry.Gauge("miroir_in_flight", "In flight.").WithLabels();
        gauge.Inc();
        gauge.Inc();
        gauge.Dec();
        registry.Callback("miroir_ratio", "Ratio.", "gauge", sink =>
        {
            sink.Add(0.25, "x");
            sink.Add(double.NaN, "y");
        }, "shard");

        var text = registry.Scrape();
        Assert.Contains("# TYPE miroir_in_flight gauge\nmiroir_in_flight 1\n", text, StringComparison.Ordinal);
        Assert.Contains("miroir_ratio{shard=\"x\"} 0.25\nmiroir_ratio{shard=\"y\"} NaN\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_SameNameTwice_Throws()
    {
        var registry = new MetricsRegistry();
        registry.Counter("miroir_twice_total", "Once.");
        Assert.Throws<InvalidOperationException>(() => registry.Gauge("miroir_twice_total", "Twice."));
    }

    [Fact]
    public void WithLabels_WrongLabelCount_Throws()
    {
        var family = new MetricsRegistry().Counter("miroir_labels_total", "Labels.", "a", "b");
        Assert.Throws<ArgumentException>(() => family.WithLabels("only-one"));
    }

    [Fact]
    public void Counter_NegativeAdd_Throws()
    {
        var counter = new MetricsRegistry().Counter("miroir_neg_total", "Neg.").WithLabels();
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Add(-1));
    }

    [Fact]
    public void WithLabels_SameValues_ReturnsSameSeries()
    {
        var family = new MetricsRegistry().Counter("miroir_same_total", "Same.", "a");
        Assert.Same(family.WithLabels(new string('x', 3)), family.WithLabels("xxx"));
    }
}
