using System.Collections.Concurrent;
using Miroir.Core.Configuration;
using Miroir.Core.Routing;
using Miroir.Proxy.Metrics;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.Cluster;

/// <summary>
/// The orchestrator's view of the fleet: the topology's shard maps (immutable snapshots swapped whole
/// through a volatile field, so request paths never lock), one <see cref="NodeClient"/> per node, and
/// index metadata (uid → primary key, S, client-visible faceting limit).
/// </summary>
public sealed class ClusterState : IDisposable
{
    private readonly ConcurrentDictionary<string, IndexMeta> _indexes = new(StringComparer.Ordinal);

    // One client per node id and address for the process lifetime: snapshots come and go, connection pools stay.
    private readonly ConcurrentDictionary<(string Id, string Address), NodeClient> _clients = new();
    private readonly string? _nodeMasterKey;
    private readonly TimeSpan _timeout;
    private volatile ClusterSnapshot _snapshot;

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
    }

    /// <summary>Each node's health or topology state.</summary>
    public NodeStates NodeStates { get; } = new();

    /// <summary>Metrics and passive health of every node request, and the failed-node gate of writes.</summary>
    public NodeObserver Observer { get; }

    /// <summary>S given to indexes created from now on.</summary>
    public int DefaultShards { get; }

    /// <summary>The current topology snapshot (read it once per request).</summary>
    public ClusterSnapshot Snapshot => _snapshot;

    public Topology Topology => _snapshot.Topology;

    /// <summary>Node clients by ordinal.</summary>
    public IReadOnlyList<NodeClient> Nodes => _snapshot.Clients;

    /// <summary>The shard map of an index with <paramref name="shards"/> shards over the current topology.</summary>
    public ShardMap ShardMap(int shards) => _snapshot.ShardMap(shards);

    /// <summary>The shard map of an index.</summary>
    public ShardMap ShardMap(IndexMeta index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return _snapshot.ShardMap(index.Shards);
    }

    public bool TryGetIndex(string uid, out IndexMeta index) => _indexes.TryGetValue(uid, out index!);

    public IndexMeta? FindIndex(string uid) => _indexes.GetValueOrDefault(uid);

    public void SetIndex(IndexMeta index)
    {
        ArgumentNullException.ThrowIfNull(index);
        _indexes[index.Uid] = index;
    }

    public void RemoveIndex(string uid) => _indexes.TryRemove(uid, out _);

    /// <summary>Known indexes (unordered).</summary>
    public IEnumerable<IndexMeta> Indexes => _indexes.Values;

    /// <summary>The client-visible <c>maxValuesPerFacet</c> of an index (Meilisearch's default when unknown).</summary>
    public int MaxValuesPerFacet(string uid) =>
        _indexes.TryGetValue(uid, out var index) ? index.MaxValuesPerFacet : IndexMeta.DefaultMaxValuesPerFacet;

    /// <summary>Publishes a new topology whole.</summary>
    public void Publish(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _snapshot = snapshot;
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
