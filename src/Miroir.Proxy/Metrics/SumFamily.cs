using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Miroir.Proxy.Metrics;

/// <summary>A <see cref="Counter{T}"/> (<c>counter</c>) or <see cref="UpDownCounter{T}"/> (<c>gauge</c>): a running total per tag set.</summary>
internal sealed class SumFamily(Instrument instrument, string type) : MetricFamily(instrument, type)
{
    private readonly ConcurrentDictionary<LabelValues, Total> _series = new();

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        Series(tags).Add(value);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        Series(tags).Add((long)value);

    public override void WriteSamples(ExpositionWriter writer)
    {
        foreach (var (labels, total) in Ordered(_series))
        {
            writer.Sample(Name, null, LabelNames, labels, total.Value);
        }
    }

    private Total Series(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = LabelValues.Of(tags);
        if (_series.TryGetValue(labels, out var total))
        {
            return total;
        }

        NoteLabels(tags);
        return _series.GetOrAdd(labels, static _ => new Total());
    }

    private sealed class Total
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Add(long amount) => Interlocked.Add(ref _value, amount);
    }
}
