namespace Miroir.Core.Configuration;

/// <summary>The <c>query_coalescing</c> section (spec §13.10): identical concurrent searches share one scatter, per pod.</summary>
public sealed record QueryCoalescingConfig
{
    public bool Enabled { get; init; } = true;

    /// <summary>A search joins an identical one only while that one is in flight and started at most this long ago.</summary>
    public int WindowMs { get; init; } = 50;

    /// <summary>Requests that may share one scatter; later ones start their own.</summary>
    public int MaxSubscribers { get; init; } = 1000;

    /// <summary>Distinct searches in flight that others can join; beyond it searches run alone.</summary>
    public int MaxPendingQueries { get; init; } = 10_000;
}
