using System.Collections.Concurrent;

namespace Miroir.Proxy.Metrics;

/// <summary>
/// A metric with 0-3 labels: one series per distinct label values, created on first use. Hot paths look a
/// series up with a struct key (no allocation) or keep the returned series in a field.
/// </summary>
public sealed class LabelledFamily<TSeries> : MetricFamily
    where TSeries : class
{
    private readonly string[] _labelNames;
    private readonly ConcurrentDictionary<LabelValues, TSeries> _series = new();
    private readonly Func<TSeries> _create;
    private readonly Action<ExpositionWriter, LabelledFamily<TSeries>, LabelValues, TSeries> _write;

    internal LabelledFamily(string name, string help, string type, string[] labelNames, Func<TSeries> create,
        Action<ExpositionWriter, LabelledFamily<TSeries>, LabelValues, TSeries> write)
        : base(name, help, type)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(labelNames.Length, 3);
        _labelNames = labelNames;
        _create = create;
        _write = write;
    }

    public IReadOnlyList<string> LabelNames => _labelNames;

    /// <summary>The unlabelled series.</summary>
    public TSeries WithLabels() => Get(default, 0);

    public TSeries WithLabels(string a) => Get(new LabelValues(a, null, null), 1);

    public TSeries WithLabels(string a, string b) => Get(new LabelValues(a, b, null), 2);

    public TSeries WithLabels(string a, string b, string c) => Get(new LabelValues(a, b, c), 3);

    internal override void WriteSamples(ExpositionWriter writer)
    {
        foreach (var (labels, series) in _series.OrderBy(s => s.Key.A, StringComparer.Ordinal)
            .ThenBy(s => s.Key.B, StringComparer.Ordinal).ThenBy(s => s.Key.C, StringComparer.Ordinal))
        {
            _write(writer, this, labels, series);
        }
    }

    private TSeries Get(LabelValues labels, int count)
    {
        if (count != _labelNames.Length)
        {
            throw new ArgumentException($"Metric `{Name}` has {_labelNames.Length} label(s), got {count}.");
        }

        return _series.TryGetValue(labels, out var series) ? series : _series.GetOrAdd(labels, _ => _create());
    }
}
