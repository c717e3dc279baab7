using Miroir.Core.Configuration;
using Miroir.Proxy.Cluster;

namespace Miroir.Proxy.Health;

/// <summary>
/// The probe history of one node and the health state it implies (01-core §7):
/// a failed probe makes a node <see cref="NodeState.Degraded"/>, <c>unhealthy_threshold</c> failures in a row make it
/// <see cref="NodeState.Failed"/>, and a failed node needs <c>recovery_threshold</c> good probes in a row to be healthy again.
/// </summary>
internal sealed class NodeHealth(string nodeId)
{
    private readonly Lock _gate = new();

    public string NodeId { get; } = nodeId;

    public NodeState State { get; private set; } = NodeState.Healthy;

    public int ConsecutiveFailures { get; private set; }

    public int ConsecutiveSuccesses { get; private set; }

    /// <summary>When the node last answered a probe or a request; null until it did.</summary>
    public DateTimeOffset? LastSeen { get; private set; }

    /// <summary>Why the last probe or request failed; cleared by a good probe.</summary>
    public string? LastError { get; private set; }

    public NodeState ProbeSucceeded(DateTimeOffset now, HealthConfig config)
    {
        lock (_gate)
        {
            ConsecutiveFailures = 0;
            ConsecutiveSuccesses++;
            LastSeen = now;
            LastError = null;
            State = State == NodeState.Failed && ConsecutiveSuccesses < config.RecoveryThreshold ? NodeState.Failed : NodeState.Healthy;
            return State;
        }
    }

    public NodeState ProbeFailed(string error, HealthConfig config)
    {
        lock (_gate)
        {
            ConsecutiveSuccesses = 0;
            ConsecutiveFailures++;
            LastError = error;
            State = ConsecutiveFailures >= config.UnhealthyThreshold || State == NodeState.Failed ? NodeState.Failed : NodeState.Degraded;
            return State;
        }
    }

    /// <summary>A client request saw the node fail: suspect until the next probe decides (passive health).</summary>
    public NodeState Suspect(string error)
    {
        lock (_gate)
        {
            LastError = error;
            ConsecutiveSuccesses = 0;
            if (State == NodeState.Healthy)
            {
                State = NodeState.Degraded;
            }

            return State;
        }
    }
}
