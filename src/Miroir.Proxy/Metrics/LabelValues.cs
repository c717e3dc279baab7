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

    /// <summary>The values of a measurement's tags, in the order they were recorded (label values are strings).</summary>
    public static LabelValues Of(ReadOnlySpan<KeyValuePair<string, object?>> tags) => tags.Length switch
    {
        0 => default,
        1 => new(Text(tags[0]), null, null),
        2 => new(Text(tags[0]), Text(tags[1]), null),
        3 => new(Text(tags[0]), Text(tags[1]), Text(tags[2])),
        _ => throw new ArgumentException("A Miroir metric has at most three labels.", nameof(tags)),
    };

    private static string? Text(KeyValuePair<string, object?> tag) => tag.Value as string ?? tag.Value?.ToString();
}
