using System.Collections.Concurrent;

namespace Miroir.Proxy.Cluster;

/// <summary>
/// Every node's current <see cref="NodeState"/>, keyed by node id (ordinals change when the topology does).
/// The health checker writes Healthy/Degraded/Failed; topology operations write Joining/Draining/Removed.
/// Lock-free reads: request paths ask it per node per request.
/// </summary>
public sealed class NodeStates
{
    private readonly ConcurrentDictionary<string, NodeState> _states = new(StringComparer.Ordinal);

    /// <summary>Raised after a node's state changed (old, new); handlers must be quick and never throw.</summary>
    public event Action<string, NodeState, NodeState>? Changed;

    /// <summary>The node's state; nodes never reported are healthy.</summary>
    public NodeState Get(string nodeId) => _states.GetValueOrDefault(nodeId, NodeState.Healthy);

    public void Set(string nodeId, NodeState state)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        var old = NodeState.Healthy;
        _states.AddOrUpdate(nodeId, state, (_, previous) =>
        {
            old = previous;
            return state;
        });
        if (old != state)
        {
            Changed?.Invoke(nodeId, old, state);
        }
    }

    /// <summary>True when reads may use the node (healthy, degraded or draining).</summary>
    public bool IsReadable(string nodeId) => IsReadableState(Get(nodeId));

    /// <summary>True for the states reads may use: healthy, degraded or draining.</summary>
    public static bool IsReadableState(NodeState state) => state is NodeState.Healthy or NodeState.Degraded or NodeState.Draining;

    /// <summary>Snapshot of every reported node's state.</summary>
    public IReadOnlyDictionary<string, NodeState> All => new Dictionary<string, NodeState>(_states, StringComparer.Ordinal);
}
