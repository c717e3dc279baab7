using System.Diagnostics.Metrics;

namespace Miroir.Proxy.Metrics;

/// <summary>
/// Listens to one <see cref="Meter"/>'s instruments and answers scrapes in the Prometheus text format 0.0.4: one
/// family per instrument (in creation order), aggregated per tag set. Measurements arrive with their family as the
/// listener state, so recording allocates nothing once a series exists.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    private readonly Meter _meter;
    private readonly MeterListener _listener;
    private readonly Lock _gate = new();
    private readonly List<MetricFamily> _families = [];

    public PrometheusExporter(Meter meter)
    {
        _meter = meter;
        _listener = new MeterListener { InstrumentPublished = Publish };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Every family in the text exposition format (scrapes run one at a time: observables report into shared state).</summary>
    public string Scrape()
    {
        lock (_gate)
        {
            foreach (var family in _families)
            {
                family.BeginScrape();
            }

            _listener.RecordObservableInstruments();
            var writer = new ExpositionWriter();
            foreach (var family in _families)
            {
                writer.Header(family);
                family.WriteSamples(writer);
            }

            return writer.ToString();
        }
    }

    private void Publish(Instrument instrument, MeterListener listener)
    {
        if (instrument.Meter != _meter)
        {
            return;
        }

        MetricFamily family = instrument switch
        {
            Counter<long> or Counter<int> => new SumFamily(instrument, "counter"),
            UpDownCounter<long> or UpDownCounter<int> => new SumFamily(instrument, "gauge"),
            Histogram<double> h => new HistogramFamily(instrument, h.Advice?.HistogramBucketBoundaries ?? ProxyMetrics.LatencyBuckets),
            ObservableCounter<long> or ObservableCounter<double> => new ObservedFamily(instrument, "counter"),
            _ when instrument.IsObservable => new ObservedFamily(instrument, "gauge"),
            _ => throw new NotSupportedException($"Metric `{instrument.Name}`: {instrument.GetType().Name} is not exported."),
        };
        lock (_gate)
        {
            if (_families.Exists(f => f.Name == family.Name))
            {
                throw new InvalidOperationException($"Metric `{family.Name}` is registered twice.");
            }

            _families.Add(family);
        }

        listener.EnableMeasurementEvents(instrument, family);
    }

    public void Dispose() => _listener.Dispose();
}
