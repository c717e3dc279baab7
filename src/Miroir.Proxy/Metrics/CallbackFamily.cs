namespace Miroir.Proxy.Metrics;

/// <summary>A metric computed at scrape time (shard coverage, task registry size): nothing is recorded on request paths.</summary>
public sealed class CallbackFamily : MetricFamily
{
    private readonly string[] _labelNames;
    private readonly Action<SampleSink> _collect;

    internal CallbackFamily(string name, string help, string type, string[] labelNames, Action<SampleSink> collect)
        : base(name, help, type)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(labelNames.Length, 3);
        _labelNames = labelNames;
        _collect = collect;
    }

    internal override void WriteSamples(ExpositionWriter writer) => _collect(new SampleSink(writer, Name, _labelNames));
}

/// <summary>Receives the samples of a <see cref="CallbackFamily"/> (label values in the family's label order).</summary>
public readonly struct SampleSink
{
    private readonly ExpositionWriter _writer;
    private readonly string _name;
    private readonly string[] _labelNames;

    internal SampleSink(ExpositionWriter writer, string name, string[] labelNames)
    {
        _writer = writer;
        _name = name;
        _labelNames = labelNames;
    }

    public void Add(double value, string? a = null, string? b = null, string? c = null) =>
        _writer.Sample(_name, null, _labelNames, new LabelValues(a, b, c), value);
}
