using Miroir.Proxy.Cluster;
using Miroir.Proxy.Metrics;
using Miroir.Proxy.Transport;

namespace Miroir.Proxy.Nodes;

/// <summary>
/// What every request to a node reports: latency and errors into the metrics, failures to passive health checking,
/// and the question writes ask before sending (is the node already known to be failed?). Every node transport of the
/// orchestrator reports here (health probes excepted: they count as probes).
/// </summary>
public sealed class NodeObserver(NodeStates states, ProxyMetrics metrics) : INodeTransportObserver
{
    public ProxyMetrics Metrics { get; } = metrics;

    /// <summary>Called with (node id, reason) when a request saw the node fail (set by the health monitor).</summary>
    public Action<string, string>? Failed { get; set; }

    /// <summary>True when health checks marked the node failed: callers skip it instead of waiting for its timeout.</summary>
    public bool IsMarkedFailed(string nodeId) => states.Get(nodeId) == NodeState.Failed;

    public void RequestStarted(string nodeId)
    {
    }

    /// <summary>Records one finished exchange; a cancelled one says nothing about the node and is not recorded.</summary>
    public void RequestFinished(string nodeId, in NodeExchange exchange)
    {
        var outcome = exchange.Outcome;
        if (outcome == NodeOutcome.Canceled)
        {
            return;
        }

        Metrics.NodeRequest(nodeId, exchange.IsRead ? "read" : "write", exchange.Elapsed, NodeFailures.MetricLabel(exchange.Error, exchange.Status));
        if (NodeFailures.SuspectsNode(outcome))
        {
            // Unreachable or too slow only: a 5xx proves the node is up.
            Failed?.Invoke(nodeId, exchange.Error == NodeErrorKind.Timeout
                ? $"node `{nodeId}` did not answer in time"
                : $"node `{nodeId}` is unreachable ({exchange.Error})");
        }
    }
}
