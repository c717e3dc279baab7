namespace Miroir.Proxy.Metrics;

/// <summary>A value that goes up and down (in-flight requests, a flag); integer-valued so updates stay interlocked.</summary>
public sealed class Gauge
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    public void Inc() => Interlocked.Increment(ref _value);

    public void Dec() => Interlocked.Decrement(ref _value);

    public void Set(long value) => Interlocked.Exchange(ref _value, value);
}
