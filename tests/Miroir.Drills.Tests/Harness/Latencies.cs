using System.Globalization;

namespace Miroir.Drills.Tests.Harness;

/// <summary>p50 / p99 / max of a set of measured durations, for the drill report.</summary>
public sealed class Latencies
{
    private readonly double[] _sortedMs;

    public Latencies(IEnumerable<TimeSpan> samples)
    {
        _sortedMs = [.. samples.Select(s => s.TotalMilliseconds).Order()];
    }

    public int Count => _sortedMs.Length;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double Max => _sortedMs.Length == 0 ? 0 : _sortedMs[^1];

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"n={Count} p50={P50:F0} ms p99={P99:F0} ms max={Max:F0} ms");

    private double Percentile(double p) =>
        _sortedMs.Length == 0 ? 0 : _sortedMs[Math.Min(_sortedMs.Length - 1, (int)Math.Ceiling(p * _sortedMs.Length) - 1)];
}
