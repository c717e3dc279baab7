using Miroir.Proxy.Cluster;
using Miroir.Proxy.Metrics;

namespace Miroir.Proxy.Nodes;

/// <summary>
/// What every request to a node reports: latency and errors into the metrics, failures to passive health checking,
/// and the question writes ask before sending (is the node already known to be failed?).
/// </summary>
public sealed class NodeObserver(NodeStates states, ProxyMetrics metrics)
{
    public ProxyMetrics Metrics { get; } = metrics;

    /// <summary>Called with (node id, reason) when a request saw the node fail (set by the health monitor).</summary>
    public Action<string, string>? Failed { get; set; }

    /// <summary>True when health checks marked the node failed: callers skip it instead of waiting for its timeout.</summary>
    public bool IsMarkedFailed(string nodeId) => states.Get(nodeId) == NodeState.Failed;

    /// <summary>Records one finished node request; <paramref name="errorType"/> is a <see cref="NodeErrorTypes"/> value or null.</summary>
    public void Completed(string nodeId, string operation, long startTimestamp, string? errorType, string? error = null)
    {
        Metrics.NodeRequest(nodeId, operation, startTimestamp, errorType);
        if (errorType is NodeErrorTypes.Unreachable or NodeErrorTypes.Timeout)
        {
            Failed?.Invoke(nodeId, error ?? errorType);
        }
    }

    /// <summary>Start timestamp for <see cref="Completed"/>.</summary>
    public long Start() => Metrics.Start();
}
