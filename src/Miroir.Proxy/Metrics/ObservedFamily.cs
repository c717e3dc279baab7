using System.Diagnostics.Metrics;

namespace Miroir.Proxy.Metrics;

/// <summary>
/// An observable instrument (gauge, or a counter kept elsewhere): its callback reports every series at scrape time,
/// and they are written in the order it reported them.
/// </summary>
internal sealed class ObservedFamily(Instrument instrument, string type) : MetricFamily(instrument, type)
{
    private readonly List<(LabelValues Labels, double Value)> _samples = [];

    public override void BeginScrape() => _samples.Clear();

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        NoteLabels(tags);
        _samples.Add((LabelValues.Of(tags), value));
    }

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Record((double)value, tags);

    public override void WriteSamples(ExpositionWriter writer)
    {
        foreach (var (labels, value) in _samples)
        {
            writer.Sample(Name, null, LabelNames, labels, value);
        }
    }
}
