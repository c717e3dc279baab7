using System.Collections.Concurrent;
using System.Collections.Immutable;
using Miroir.Core.Configuration;
using Miroir.Core.Routing;
using Miroir.Proxy.Hints;
using Miroir.Proxy.Metrics;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.Cluster;

/// <summary>
/// The orchestrator's live view of the fleet: the topology, one <see cref="NodeClient"/> per node, index
/// metadata and node states. Readers never see it change under them: every change publishes a new immutable
/// <see cref="ClusterView"/> whole through a volatile field, and a request reads <see cref="View"/> once.
/// </summary>
public sealed class ClusterState : IDisposable
{

    // One client per node id and address for the process lifetime: snapshots come and go, connection pools stay.
    private readonly ConcurrentDictionary<(string Id, string Address), NodeClient> _clients = new();
    private readonly string? _nodeMasterKey;
    private readonly TimeSpan _timeout;
    private readonly Lock _publish = new();
    private ClusterSnapshot _snapshot;

    // Persistent maps: a change costs O(log n) and shares the rest with the previous view, so replaying a long state
    // log at start-up (one publish per index record) stays linear, not quadratic in the number of indexes.
    private ImmutableSortedDictionary<string, IndexMeta> _indexes = ImmutableSortedDictionary.Create<string, IndexMeta>(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, NodeState> _states = new Dictionary<string, NodeState>();
    private RepairHintSet _hints = RepairHintSet.Empty;
    private volatile ClusterView _view;

    /// <summary>Metrics this state made itself (none were given), disposed with it.</summary>
    private readonly ProxyMetrics? _ownMetrics;

    public ClusterState(MiroirConfig config, ProxyMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        DefaultShards = config.Shards;
        _nodeMasterKey = config.NodeMasterKey;
        _timeout = TimeSpan.FromMilliseconds(config.Scatter.NodeTimeoutMs);
        _ownMetrics = metrics is null ? new ProxyMetrics() : null;
        Observer = new NodeObserver(NodeStates, metrics ?? _ownMetrics!);
        _snapshot = BuildSnapshot(config.ToTopology(), null);
        _view = BuildView();
        NodeStates.Changed += (_, _, _) => RepublishStates();
    }

    /// <summary>Each node's health or topology state, live (background workers; requests read <see cref="View"/>).</summary>
    public NodeStates NodeStates { get; } = new();

    /// <summary>Metrics and passive health of every node request, and the failed-node gate of writes.</summary>
    public NodeObserver Observer { get; }

    /// <summary>S given to indexes created from now on.</summary>
    public int DefaultShards { get; }

    /// <summary>The cluster as of now: read it once per request (or per background step) and keep it.</summary>
    public ClusterView View => _view;

    public void SetIndex(IndexMeta index)
    {
        ArgumentNullException.ThrowIfNull(index);
        lock (_publish)
        {
            _indexes = _indexes.SetItem(index.Uid, index);
            _view = BuildView();
        }
    }

    public void RemoveIndex(string uid)
    {
        lock (_publish)
        {
            _indexes = _indexes.Remove(uid);
            _view = BuildView();
        }
    }

    /// <summary>Publishes the copies nodes owe after a durable change (only <see cref="RepairHints"/> calls it).</summary>
    internal void UpdateHints(Func<RepairHintSet, RepairHintSet> change)
    {
        lock (_publish)
        {
            var hints = change(_hints);
            if (!ReferenceEquals(hints, _hints))
            {
                _hints = hints;
                _view = BuildView();
            }
        }
    }

    /// <summary>Publishes a new topology whole.</summary>
    public void Publish(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Republish(snapshot);
    }

    /// <summary>Publishes <paramref name="current"/> (reads) and, while a rebalance runs, its <paramref name="target"/> (dual writes).</summary>
    public void Publish(Topology current, Topology? target) => Publish(BuildSnapshot(current, target));

    /// <summary>A client for any node, current or not (the rebalancer talks to joining and leaving nodes).</summary>
    public NodeClient ClientFor(TopologyNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _clients.GetOrAdd((node.Id, node.Address), static (_, s) => new NodeClient(s.node, s.self._nodeMasterKey, s.self._timeout, s.self.Observer), (node, self: this));
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _ownMetrics?.Dispose();
    }

    // Rebuilt under one lock so concurrent changes never publish a view missing the other's change.
    private void Republish(ClusterSnapshot? snapshot)
    {
        lock (_publish)
        {
            _snapshot = snapshot ?? _snapshot;
            _view = BuildView();
        }
    }

    private void RepublishStates()
    {
        lock (_publish)
        {
            _states = NodeStates.All;
            _view = BuildView();
        }
    }

    private ClusterView BuildView() => new(_snapshot, _indexes, _states, _hints, DefaultShards);

    private ClusterSnapshot BuildSnapshot(Topology current, Topology? target)
    {
        var clients = current.Nodes.Select(ClientFor).ToArray();
        if (target is null)
        {
            return new ClusterSnapshot(current, clients);
        }

        var writeClients = new List<NodeClient>(clients);
        writeClients.AddRange(target.Nodes.Where(n => current.GetOrdinal(n.Id) < 0).Select(ClientFor));
        return new ClusterSnapshot(current, clients, target, writeClients);
    }
}
