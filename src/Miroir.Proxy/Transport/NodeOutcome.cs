namespace Miroir.Proxy.Transport;

/// <summary>What an exchange means for the caller and for passive health (see <see cref="NodeFailures.Classify"/>).</summary>
public enum NodeOutcome
{
    /// <summary>A 2xx or 3xx answer.</summary>
    Answered,

    /// <summary>A 4xx: the node refused the request itself (the client's fault), relayed to the client.</summary>
    Refused,

    /// <summary>A 5xx: the node is up but failed; reads ask another replica, health is not told.</summary>
    ServerError,

    /// <summary>Not reached, connection broken, garbled or too slow: a node failure that health is told about.</summary>
    Unreachable,

    /// <summary>The caller gave up: neither the node's fault nor the client's.</summary>
    Canceled,
}
