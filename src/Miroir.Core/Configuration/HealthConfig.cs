namespace Miroir.Core.Configuration;

/// <summary>The <c>health</c> section: node health probing.</summary>
public sealed record HealthConfig
{
    public int IntervalMs { get; init; } = 5000;

    public int TimeoutMs { get; init; } = 2000;

    /// <summary>Consecutive failed probes before a node is marked failed.</summary>
    public int UnhealthyThreshold { get; init; } = 3;

    /// <summary>Consecutive good probes before a failed node counts as recovered.</summary>
    public int RecoveryThreshold { get; init; } = 2;
}
