using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Miroir.Proxy.Metrics;

/// <summary>A <see cref="Histogram{T}"/>: cumulative buckets (the instrument's advised boundaries), sum and count per tag set.</summary>
internal sealed class HistogramFamily(Instrument instrument, IReadOnlyList<double> bounds) : MetricFamily(instrument, "histogram")
{
    private readonly ConcurrentDictionary<LabelValues, HistogramSeries> _series = new();
    private readonly string[] _boundTexts = [.. bounds.Select(ExpositionWriter.Format)];

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Series(tags).Observe(value);

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Series(tags).Observe(value);

    public override void WriteSamples(ExpositionWriter writer)
    {
        foreach (var (labels, h) in Ordered(_series))
        {
            // Count first: a concurrent Observe can only make buckets lag the total, never exceed it.
            var count = h.Count;
            var sum = h.Sum;
            for (var i = 0; i < _boundTexts.Length; i++)
            {
                writer.Sample(Name, "_bucket", LabelNames, labels, Math.Min(h.CumulativeCount(i), count), "le", _boundTexts[i]);
            }

            writer.Sample(Name, "_bucket", LabelNames, labels, count, "le", "+Inf");
            writer.Sample(Name, "_sum", LabelNames, labels, sum);
            writer.Sample(Name, "_count", LabelNames, labels, count);
        }
    }

    private HistogramSeries Series(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = LabelValues.Of(tags);
        if (_series.TryGetValue(labels, out var series))
        {
            return series;
        }

        NoteLabels(tags);
        return _series.GetOrAdd(labels, _ => new HistogramSeries(bounds));
    }
}
