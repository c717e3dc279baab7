namespace Miroir.Proxy.Metrics;

/// <summary>
/// The orchestrator's metrics, written in the Prometheus text format (<see cref="Scrape"/>). Features register
/// their families once at start-up (names are unique) and record through the returned objects.
/// </summary>
public sealed class MetricsRegistry
{
    /// <summary>Request and node latency buckets in seconds: 1 ms .. 10 s.</summary>
    public static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Lock _gate = new();
    private readonly List<MetricFamily> _families = [];

    public LabelledFamily<Counter> Counter(string name, string help, params string[] labelNames) =>
        Add(new LabelledFamily<Counter>(name, help, "counter", labelNames, static () => new Counter(),
            static (w, f, labels, c) => w.Sample(f.Name, null, f.LabelNames, labels, c.Value)));

    public LabelledFamily<Gauge> Gauge(string name, string help, params string[] labelNames) =>
        Add(new LabelledFamily<Gauge>(name, help, "gauge", labelNames, static () => new Gauge(),
            static (w, f, labels, g) => w.Sample(f.Name, null, f.LabelNames, labels, g.Value)));

    public LabelledFamily<Histogram> Histogram(string name, string help, double[] buckets, params string[] labelNames)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var bounds = (double[])buckets.Clone();
        return Add(new LabelledFamily<Histogram>(name, help, "histogram", labelNames, () => new Histogram(bounds), WriteHistogram));
    }

    /// <summary>A gauge (or counter) whose samples are computed at scrape time.</summary>
    public CallbackFamily Callback(string name, string help, string type, Action<SampleSink> collect, params string[] labelNames)
    {
        ArgumentNullException.ThrowIfNull(collect);
        return Add(new CallbackFamily(name, help, type, labelNames, collect));
    }

    /// <summary>Every family in the text exposition format 0.0.4.</summary>
    public string Scrape()
    {
        MetricFamily[] families;
        lock (_gate)
        {
            families = [.. _families];
        }

        var writer = new ExpositionWriter();
        foreach (var family in families)
        {
            writer.Header(family);
            family.WriteSamples(writer);
        }

        return writer.ToString();
    }

    private T Add<T>(T family)
        where T : MetricFamily
    {
        lock (_gate)
        {
            if (_families.Exists(f => f.Name == family.Name))
            {
                throw new InvalidOperationException($"Metric `{family.Name}` is registered twice.");
            }

            _families.Add(family);
        }

        return family;
    }

    private static void WriteHistogram(ExpositionWriter w, LabelledFamily<Histogram> f, LabelValues labels, Histogram h)
    {
        // Count first: a concurrent Observe can only make buckets lag the total, never exceed it.
        var count = h.Count;
        var sum = h.SumSeconds;
        for (var i = 0; i < h.Bounds.Count; i++)
        {
            w.Sample(f.Name, "_bucket", f.LabelNames, labels, Math.Min(h.CumulativeCount(i), count), "le", ExpositionWriter.Format(h.Bounds[i]));
        }

        w.Sample(f.Name, "_bucket", f.LabelNames, labels, count, "le", "+Inf");
        w.Sample(f.Name, "_sum", f.LabelNames, labels, sum);
        w.Sample(f.Name, "_count", f.LabelNames, labels, count);
    }
}
