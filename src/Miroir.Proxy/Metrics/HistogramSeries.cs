namespace Miroir.Proxy.Metrics;

/// <summary>
/// One histogram series in fixed buckets. Recording is a bucket search plus three interlocked adds; the sum is kept
/// in microseconds (a long) so it needs no compare-exchange loop.
/// </summary>
internal sealed class HistogramSeries
{
    private readonly IReadOnlyList<double> _bounds;
    private readonly long[] _counts;
    private long _count;
    private long _sumMicros;

    public HistogramSeries(IReadOnlyList<double> bounds)
    {
        _bounds = bounds;
        _counts = new long[bounds.Count];
    }

    public long Count => Interlocked.Read(ref _count);

    public double Sum => Interlocked.Read(ref _sumMicros) / 1e6;

    public void Observe(double value)
    {
        var i = 0;
        while (i < _bounds.Count && value > _bounds[i])
        {
            i++;
        }

        if (i < _counts.Length)
        {
            Interlocked.Increment(ref _counts[i]);
        }

        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicros, (long)(Math.Max(value, 0) * 1e6));
    }

    /// <summary>Cumulative count of observations at or below bucket <paramref name="index"/>.</summary>
    public long CumulativeCount(int index)
    {
        long total = 0;
        for (var i = 0; i <= index; i++)
        {
            total += Interlocked.Read(ref _counts[i]);
        }

        return total;
    }
}
