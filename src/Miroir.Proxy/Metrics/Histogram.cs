namespace Miroir.Proxy.Metrics;

/// <summary>
/// Durations in fixed buckets. Recording is a bucket search plus three interlocked adds; the sum is kept in
/// microseconds (a long) so it needs no compare-exchange loop.
/// </summary>
public sealed class Histogram
{
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private long _count;
    private long _sumMicros;

    internal Histogram(double[] bounds)
    {
        _bounds = bounds;
        _counts = new long[bounds.Length];
    }

    /// <summary>Upper bounds in seconds (ascending, +Inf implied).</summary>
    public IReadOnlyList<double> Bounds => _bounds;

    public long Count => Interlocked.Read(ref _count);

    public double SumSeconds => Interlocked.Read(ref _sumMicros) / 1e6;

    public void Observe(double seconds)
    {
        var i = 0;
        while (i < _bounds.Length && seconds > _bounds[i])
        {
            i++;
        }

        if (i < _counts.Length)
        {
            Interlocked.Increment(ref _counts[i]);
        }

        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicros, (long)(Math.Max(seconds, 0) * 1e6));
    }

    /// <summary>Cumulative count of observations at or below bucket <paramref name="index"/>.</summary>
    internal long CumulativeCount(int index)
    {
        long total = 0;
        for (var i = 0; i <= index; i++)
        {
            total += Interlocked.Read(ref _counts[i]);
        }

        return total;
    }
}
