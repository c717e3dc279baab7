using Miroir.Core.Routing;

namespace Miroir.Proxy.Rebalancing;

/// <summary>
/// One topology change in flight: the operation that asked for it, the topology it moves to, and what is
/// already done (persisted in the state log, so a restarted orchestrator resumes from here).
/// </summary>
internal sealed class RebalancePlan(string operation, string subject, Topology from, Topology target, DateTimeOffset startedAt)
{
    /// <summary><c>addNode</c>, <c>drainNode</c>, <c>addGroup</c> or <c>removeGroup</c>.</summary>
    public string Operation { get; } = operation;

    /// <summary>The node id or group number the operation is about.</summary>
    public string Subject { get; } = subject;

    /// <summary>The topology reads used when the change started.</summary>
    public Topology From { get; } = from;

    public Topology Target { get; } = target;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>(index uid, shard) pairs whose copies to every new owner are done.</summary>
    public HashSet<(string Index, int Shard)> Copied { get; } = [];

    /// <summary>Reads use the target topology; only the deletes on nodes that lost shards remain.</summary>
    public bool Switched { get; set; }
}
