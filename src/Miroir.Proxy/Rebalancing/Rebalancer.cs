using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Miroir.Core.Configuration;
using Miroir.Core.Routing;
using Miroir.Proxy.AntiEntropy;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Tasks;
using Miroir.Storage.Workers;

namespace Miroir.Proxy.Rebalancing;

/// <summary>
/// The one topology coordinator of an orchestrator (01-core §7): validates topology operations, persists the
/// committed topology and every rebalance's progress in the state log, publishes snapshots (current + target
/// while a change runs, so writes go to both) and runs migrations one at a time on a background worker.
/// </summary>
/// <remarks>The configured nodes are the topology until the first operation; from then on the log is authoritative.</remarks>
internal sealed partial class Rebalancer : IAsyncDisposable, IStateSnapshotSource
{
    private readonly ClusterState _cluster;
    private readonly StateLog _state;
    private readonly RebalancerConfig _config;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TombstoneStore _tombstones;
    private readonly string _updatedAtField;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<RebalancePlan> _queue = Channel.CreateUnbounded<RebalancePlan>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly BackgroundWorker _worker;
    private readonly HashSet<string> _drained = new(StringComparer.Ordinal);
    private Topology _current;
    private bool _topologyFromLog;
    private RebalancePlan? _plan;
    private volatile bool _running;

    public Rebalancer(ClusterState cluster, StateLog state, MiroirConfig config, ILogger logger, TimeProvider time, TombstoneStore tombstones)
    {
        _tombstones = tombstones;
        _updatedAtField = config.AntiEntropy.UpdatedAtField;
        _cluster = cluster;
        _state = state;
        _config = config.Rebalancer;
        _logger = logger;
        _time = time;
        _current = cluster.View.Topology;
        Progress = new RebalanceProgress(time);
        _worker = new BackgroundWorker(RunAsync, e => ProxyLog.BackgroundWorkFailed(logger, e, "rebalancer"));
    }

    /// <summary>Live counters for the admin API and metrics.</summary>
    public RebalanceProgress Progress { get; }

    /// <summary>The committed topology (reads use it).</summary>
    public Topology Current => _current;

    /// <summary>The topology the running rebalance moves to, or null.</summary>
    public Topology? Target => _plan?.Target;

    /// <summary>Nodes drained out of the topology and not yet deleted from the admin view.</summary>
    public IReadOnlyCollection<string> Drained
    {
        get
        {
            lock (_drained)
            {
                return [.. _drained.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Replays one state log record; false when it is not a topology record.</summary>
    public bool Apply(JsonElement record)
    {
        switch (record.GetProperty("r").GetString())
        {
            case "topology":
                _current = TopologyRecords.ReadTopology(record);
                _topologyFromLog = true;
                return true;
            case "rebalance":
                _plan = TopologyRecords.ReadRebalance(record, _current);
                return true;
            case "shardCopied":
                _plan?.Copied.Add((record.GetProperty("index").GetString()!, record.GetProperty("shard").GetInt32()));
                return true;
            case "rebalanceSwitched":
                if (_plan is not null)
                {
                    MarkSwitched(_plan);
                }

                return true;
            case "rebalanceDone":
                _plan = null;
                return true;
            case TopologyRecords.DrainedKind:
                lock (_drained)
                {
                    _drained.Add(record.GetProperty("id").GetString()!);
                }

                return true;
            case "nodeForgotten":
                lock (_drained)
                {
                    _drained.Remove(record.GetProperty("id").GetString()!);
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>After replay: publishes the logged topology (and target of an unfinished rebalance) and node states.</summary>
    public void Restore(Topology configured)
    {
        if (_topologyFromLog && !SameNodes(configured, _current))
        {
            RebalanceLog.ConfigTopologyIgnored(_logger);
        }

        var plan = _plan;
        _cluster.Publish(_current, plan is { Switched: false } ? plan.Target : null);
        foreach (var id in Drained)
        {
            _cluster.NodeStates.Set(id, NodeState.Removed);
        }

        if (plan is { Switched: false })
        {
            SetMovingStates(plan);
        }
    }

    /// <summary>Starts the worker; an unfinished rebalance found in the log resumes at once.</summary>
    public void Start()
    {
        _worker.Start();
        if (_plan is { } plan)
        {
            Progress.Begin(plan);
            PlanProgress(plan);
            _queue.Writer.TryWrite(plan);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _worker.StopAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        await foreach (var plan in _queue.Reader.ReadAllAsync(stop).ConfigureAwait(false))
        {
            _running = true;
            try
            {
                await MigrateAsync(plan, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // Whatever went wrong, the plan stays in the log and dual writes continue: pause, never die silently.
                Progress.Pause(e.Message);
                RebalanceLog.Paused(_logger, e.Message);
            }
            finally
            {
                _running = false;
            }
        }
    }

    private void SetMovingStates(RebalancePlan plan)
    {
        foreach (var node in plan.Target.Nodes.Where(n => plan.From.GetOrdinal(n.Id) < 0))
        {
            _cluster.NodeStates.Set(node.Id, NodeState.Joining);
        }

        foreach (var node in plan.From.Nodes.Where(n => plan.Target.GetOrdinal(n.Id) < 0))
        {
            _cluster.NodeStates.Set(node.Id, NodeState.Draining);
        }
    }

    private void MarkSwitched(RebalancePlan plan)
    {
        plan.Switched = true;
        _current = plan.Target;
        lock (_drained)
        {
            foreach (var node in plan.From.Nodes.Where(n => plan.Target.GetOrdinal(n.Id) < 0))
            {
                _drained.Add(node.Id);
            }
        }
    }

    private static bool SameNodes(Topology a, Topology b) =>
        a.ReplicaGroupCount == b.ReplicaGroupCount && a.Nodes.Count == b.Nodes.Count && a.Nodes.SequenceEqual(b.Nodes);
}
