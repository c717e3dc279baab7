namespace Miroir.Core.Configuration;

/// <summary>Values of <c>scatter.unavailable_shard_policy</c> (spec §4.7).</summary>
public enum UnavailableShardPolicy
{
    /// <summary><c>partial</c>: answer with what is reachable plus <c>X-Miroir-Degraded</c>.</summary>
    Partial,

    /// <summary><c>error</c>: answer 503 <c>miroir_shard_unavailable</c>.</summary>
    Error,
}
