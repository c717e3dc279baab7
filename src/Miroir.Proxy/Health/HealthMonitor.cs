using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Miroir.Core.Configuration;
using Miroir.Core.Routing;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Metrics;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Transport;
using Miroir.Storage.Workers;

namespace Miroir.Proxy.Health;

/// <summary>
/// Probes every node's <c>GET /health</c> each <c>health.interval_ms</c> (timeout <c>health.timeout_ms</c>) and
/// publishes Healthy/Degraded/Failed into <see cref="ClusterState.NodeStates"/>. States set by topology operations
/// (Joining, Draining, Removed) are left alone. A request that sees a node fail makes it suspect at once
/// (passive health) and brings the next probe round forward.
/// </summary>
internal sealed class HealthMonitor : IAsyncDisposable
{
    private static readonly NodeRequest HealthRequest = NodeRequest.Get("/health");

    private readonly ClusterState _cluster;
    private readonly ILogger _logger;
    private readonly HealthConfig _config;
    private readonly TimeProvider _time;
    private readonly NodeObserver _observer;
    private readonly ConcurrentDictionary<(string Id, string Address), NodeTransport> _probes = new();
    private readonly ConcurrentDictionary<string, NodeHealth> _health = new(StringComparer.Ordinal);
    private readonly PeriodicWorker _rounds;

    public HealthMonitor(ClusterState cluster, HealthConfig config, TimeProvider time, ILogger logger)
    {
        _logger = logger;
        _cluster = cluster;
        _config = config;
        _time = time;
        _observer = cluster.Observer;
        _rounds = new PeriodicWorker(TimeSpan.FromMilliseconds(config.IntervalMs), time, ProbeAllAsync,
            e => ProxyLog.BackgroundWorkFailed(logger, e, "health probes"), runAtStart: true);
        _observer.Failed = ReportFailure; // last: a failure reported from now on may wake the probe rounds
    }

    /// <summary>Raised with the node id when a node is marked Failed (it misses every write from now on).</summary>
    public event Action<string>? Failed;

    /// <summary>Raised with the node id when a node leaves Failed (it may have missed changes meanwhile).</summary>
    public event Action<string>? Recovered;

    /// <summary>The probe history of a node (created on first use).</summary>
    public NodeHealth Get(string nodeId) => _health.GetOrAdd(nodeId, static id => new NodeHealth(id));

    public void Start() => _rounds.Start();

    /// <summary>One probe round over the current topology's nodes, in parallel.</summary>
    public async Task ProbeAllAsync(CancellationToken cancellationToken)
    {
        var nodes = _cluster.View.Nodes;
        var probes = new Task[nodes.Count];
        for (var i = 0; i < probes.Length; i++)
        {
            probes[i] = ProbeAsync(nodes[i], cancellationToken);
        }

        await Task.WhenAll(probes).ConfigureAwait(false);
    }

    /// <summary>Passive health: a client request could not reach the node or timed out.</summary>
    public void ReportFailure(string nodeId, string error)
    {
        var health = Get(nodeId);
        var before = health.State;
        if (health.Suspect(error) != before)
        {
            Publish(nodeId, health.State, error);
            _rounds.RunSoon();
        }
    }

    private async Task ProbeAsync(NodeClient node, CancellationToken cancellationToken)
    {
        var health = Get(node.Id);
        var start = _observer.Metrics.Start();
        string? error;
        string? errorType;
        using (var answer = await Probe(node.Node).SendAsync(HealthRequest, cancellationToken).ConfigureAwait(false))
        {
            switch (answer.ErrorKind)
            {
                case NodeErrorKind.Canceled:
                    // Stopping: the node said nothing.
                    cancellationToken.ThrowIfCancellationRequested();
                    return;
                case NodeErrorKind.None or NodeErrorKind.HttpStatus:
                    (errorType, error) = answer.IsSuccess ? (null, null) : (NodeErrorTypes.ServerError, $"GET /health answered {answer.Status}");
                    break;
                case NodeErrorKind.Timeout:
                    (errorType, error) = (NodeErrorTypes.Timeout, $"no answer to GET /health within {_config.TimeoutMs} ms");
                    break;
                default:
                    (errorType, error) = (NodeErrorTypes.Unreachable, answer.Error!.Detail ?? "unreachable");
                    break;
            }
        }

        // Probe errors go to the metrics only: they already count as failed probes below.
        _observer.Metrics.NodeRequest(node.Id, "health", start, errorType);
        var state = error is null ? health.ProbeSucceeded(_time.GetUtcNow(), _config) : health.ProbeFailed(error, _config);
        Publish(node.Id, state, error ?? "answered its health probe");
    }

    // Probes go unauthenticated over their own two connections, so a node's busy request pool never delays its probe.
    private NodeTransport Probe(TopologyNode node) => _probes.GetOrAdd((node.Id, node.Address), static (key, config) =>
        new NodeTransport(key.Id, key.Address, new NodeTransportOptions
        {
            MaxConnections = 2,
            Timeout = TimeSpan.FromMilliseconds(config.TimeoutMs),
            IdleTimeout = TimeSpan.FromMilliseconds(Math.Max(config.IntervalMs * 2, 1000)),
        }), _config);

    private void Publish(string nodeId, NodeState health, string reason)
    {
        // Joining, Draining and Removed belong to topology operations.
        var current = _cluster.NodeStates.Get(nodeId);
        if (current is NodeState.Healthy or NodeState.Degraded or NodeState.Failed && current != health)
        {
            // Raised first: what the node owes starts being recorded before anything sees it failed.
            if (health == NodeState.Failed)
            {
                Failed?.Invoke(nodeId);
            }

            _cluster.NodeStates.Set(nodeId, health);
            ProxyLog.NodeHealthChanged(_logger, nodeId, Admin.NodeStatusNames.Of(health), Admin.NodeStatusNames.Of(current), reason);
            if (current == NodeState.Failed)
            {
                Recovered?.Invoke(nodeId);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _observer.Failed = null;
        await _rounds.StopAsync().ConfigureAwait(false);
        foreach (var probe in _probes.Values)
        {
            probe.Dispose();
        }
    }
}
