namespace Miroir.Proxy.Cluster;

/// <summary>A node's state as the orchestrator sees it (01-core §7, 06-operations).</summary>
public enum NodeState
{
    /// <summary>Answers health probes; serves reads and writes.</summary>
    Healthy,

    /// <summary>Answers, but slowly or with some failed probes below the unhealthy threshold.</summary>
    Degraded,

    /// <summary>Missed <c>health.unhealthy_threshold</c> probes in a row: reads avoid it, writes count it missing.</summary>
    Failed,

    /// <summary>Added to a group and receiving its shards: written to, not yet read from.</summary>
    Joining,

    /// <summary>Being emptied before removal: still serves reads until its shards have new owners.</summary>
    Draining,

    /// <summary>Out of the topology; kept only so the admin API can show what happened.</summary>
    Removed,
}
