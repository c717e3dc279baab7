namespace Miroir.Core.Configuration;

/// <summary>The <c>scatter</c> section: fan-out of searches to nodes.</summary>
public sealed record ScatterConfig
{
    public int NodeTimeoutMs { get; init; } = 5000;

    public bool RetryOnTimeout { get; init; } = true;

    public UnavailableShardPolicy UnavailableShardPolicy { get; init; } = UnavailableShardPolicy.Partial;
}
