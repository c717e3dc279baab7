namespace Miroir.Core.Configuration;

/// <summary>The <c>idempotency</c> section (spec §13.10): retried writes carrying the same <c>Idempotency-Key</c> run once.</summary>
public sealed record IdempotencyConfig
{
    public bool Enabled { get; init; } = true;

    /// <summary>How long a recorded answer is replayed, counted from when it was recorded.</summary>
    public int TtlSeconds { get; init; } = 86_400;

    /// <summary>Keys kept at most (in memory and in state snapshots); the oldest is forgotten first.</summary>
    public int MaxCachedKeys { get; init; } = 1_000_000;
}
