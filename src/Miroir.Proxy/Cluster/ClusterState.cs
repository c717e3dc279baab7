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
    private volatile ClusterSnapshot _snapshot;

    private readonly string? _nodeMasterKey;
    private readonly TimeSpan _nodeTimeout;

    public ClusterState(MiroirConfig config, ProxyMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        DefaultShards = config.Shards;
        _nodeMasterKey = config.NodeMasterKey;
        _nodeTimeout = TimeSpan.FromMilliseconds(config.Scatter.NodeTimeoutMs);
        Observer = new NodeObserver(NodeStates, metrics ?? new ProxyMetrics());
        var topology = config.ToTopology();
        var clients = new NodeClient[topology.Nodes.Count];
        for (var i = 0; i < clients.Length; i++)
        {
            clients[i] = CreateClient(topology.GetNode(i), i);
        }

        _snapshot = new ClusterSnapshot(topology, clients);
    }

    /// <summary>Each node's health or topology state.</summary>
    public NodeStates NodeStates { get; } = new();

    /// <summary>Metrics and passive health of every node request.</summary>
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

    /// <summary>Publishes a new topology whole (a later topology-change feature swaps it here).</summary>
    public void Publish(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _snapshot = snapshot;
    }

    /// <summary>A client for a node of a new topology (same key, timeout, metrics and health gate as the others).</summary>
    public NodeClient CreateClient(TopologyNode node, int ordinal) => new(node, ordinal, _nodeMasterKey, _nodeTimeout, Observer);

    public void Dispose()
    {
        foreach (var client in _snapshot.Clients)
        {
            client.Dispose();
        }
    }
}
