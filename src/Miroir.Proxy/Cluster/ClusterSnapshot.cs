using System.Collections.Concurrent;
using Miroir.Core.Routing;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.Cluster;

/// <summary>One immutable topology with its node clients and (lazily computed, cached) shard maps per shard count.</summary>
public sealed class ClusterSnapshot
{
    private readonly ConcurrentDictionary<int, ShardMap> _maps = new();

    public ClusterSnapshot(Topology topology, IReadOnlyList<NodeClient> clients)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(clients);
        Topology = topology;
        Clients = clients;
    }

    public Topology Topology { get; }

    /// <summary>Node clients by ordinal.</summary>
    public IReadOnlyList<NodeClient> Clients { get; }

    /// <summary>The shard map for S shards; computed once per S (almost always one value).</summary>
    public ShardMap ShardMap(int shards) => _maps.GetOrAdd(shards, static (s, t) => new ShardMap(t, s), Topology);
}
