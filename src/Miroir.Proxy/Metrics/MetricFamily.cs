using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Miroir.Proxy.Metrics;

/// <summary>
/// What the exporter keeps of one instrument: its exposition header and one aggregated series per tag set. The
/// listener hands the family back with each measurement, so recording is a struct-keyed lookup and an interlocked add.
/// </summary>
internal abstract class MetricFamily(Instrument instrument, string type)
{
    public string Name { get; } = instrument.Name;

    public string Help { get; } = instrument.Description ?? "";

    /// <summary><c>counter</c>, <c>gauge</c> or <c>histogram</c>.</summary>
    public string Type { get; } = type;

    /// <summary>The label names, as the first measurement tagged them (every measurement of an instrument uses the same).</summary>
    protected string[] LabelNames { get; private set; } = [];

    protected void NoteLabels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (LabelNames.Length != tags.Length)
        {
            var names = new string[tags.Length];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = tags[i].Key;
            }

            LabelNames = names;
        }
    }

    /// <summary>Called before observable instruments report, once per scrape.</summary>
    public virtual void BeginScrape()
    {
    }

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    public abstract void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    public abstract void WriteSamples(ExpositionWriter writer);

    /// <summary>Series of a synchronous instrument, created on first use and written ordered by label values.</summary>
    protected static IEnumerable<KeyValuePair<LabelValues, T>> Ordered<T>(ConcurrentDictionary<LabelValues, T> series) =>
        series.OrderBy(s => s.Key.A, StringComparer.Ordinal).ThenBy(s => s.Key.B, StringComparer.Ordinal).ThenBy(s => s.Key.C, StringComparer.Ordinal);
}
