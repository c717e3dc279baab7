namespace Miroir.Proxy.Metrics;

/// <summary>One named metric (<c># HELP</c>, <c># TYPE</c> and its samples) in the exposition.</summary>
public abstract class MetricFamily
{
    private protected MetricFamily(string name, string help, string type)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(help);
        Name = name;
        Help = help;
        Type = type;
    }

    public string Name { get; }

    public string Help { get; }

    /// <summary><c>counter</c>, <c>gauge</c> or <c>histogram</c>.</summary>
    public string Type { get; }

    /// <summary>Writes the samples (the header is written by the registry).</summary>
    internal abstract void WriteSamples(ExpositionWriter writer);
}
