namespace Miroir.Proxy.Metrics;

/// <summary>Up to three label values as a struct key: looking a series up allocates nothing.</summary>
internal readonly record struct LabelValues(string? A, string? B, string? C)
{
    public string? this[int index] => index switch
    {
        0 => A,
        1 => B,
        _ => C,
    };
}
