namespace Miroir.Proxy.Metrics;

/// <summary>A monotonically increasing count; <see cref="Inc"/> is one interlocked add.</summary>
public sealed class Counter
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    public void Inc() => Interlocked.Increment(ref _value);

    public void Add(long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        Interlocked.Add(ref _value, amount);
    }
}
