using System.Collections.Concurrent;
using Miroir.Core.Routing;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.Cluster;

/// <summary>
/// One immutable topology with its node clients and (lazily computed, cached) shard maps per shard count.
/// While a topology change is in flight it also carries the <see cref="Target"/> topology: reads keep using
/// <see cref="Topology"/>, writes go to the owners in both (<see cref="Writes"/>).
/// </summary>
public sealed class ClusterSnapshot
{
    private readonly ConcurrentDictionary<int, ShardMap> _maps = new();
    private readonly ConcurrentDictionary<int, ShardMap> _targetMaps = new();
    private readonly ConcurrentDictionary<int, WriteView> _writes = new();

    public ClusterSnapshot(Topology topology, IReadOnlyList<NodeClient> clients)
        : this(topology, clients, null, clients)
    {
    }

    /// <param name="writeClients">Clients of <paramref name="topology"/> by ordinal, then of the nodes only
    /// <paramref name="target"/> has, in target ordinal order (the <see cref="DualWriteMap"/> index order).</param>
    public ClusterSnapshot(Topology topology, IReadOnlyList<NodeClient> clients, Topology? target, IReadOnlyList<NodeClient> writeClients)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(writeClients);
        Topology = topology;
        Clients = clients;
        Target = target;
        WriteClients = writeClients;
    }

    public Topology Topology { get; }

    /// <summary>Node clients by ordinal.</summary>
    public IReadOnlyList<NodeClient> Clients { get; }

    /// <summary>The topology a running rebalance moves to, or null when none runs.</summary>
    public Topology? Target { get; }

    /// <summary>Clients of every node writes may go to (the current nodes first, by ordinal).</summary>
    public IReadOnlyList<NodeClient> WriteClients { get; }

    /// <summary>The shard map for S shards; computed once per S (almost always one value).</summary>
    public ShardMap ShardMap(int shards) => _maps.GetOrAdd(shards, static (s, t) => new ShardMap(t, s), Topology);

    /// <summary>The target topology's shard map for S shards (only while a rebalance runs).</summary>
    public ShardMap TargetShardMap(int shards) =>
        _targetMaps.GetOrAdd(shards, static (s, t) => new ShardMap(t, s), Target ?? throw new InvalidOperationException("No rebalance is in flight."));

    /// <summary>Where writes to an index of S shards go: the current owners, plus the target owners during a rebalance.</summary>
    public WriteView Writes(int shards) => _writes.GetOrAdd(shards, static (s, snapshot) => snapshot.BuildWrites(s), this);

    private WriteView BuildWrites(int shards)
    {
        var map = ShardMap(shards);
        if (Target is null)
        {
            return new WriteView(map, Routing.WriteRouteTable.FromShardMap(map), Clients);
        }

        var dual = new DualWriteMap(map, TargetShardMap(shards));
        var table = new Routing.WriteRouteTable(map.Router.GetShardOfCanonical, dual.TargetsByShard, dual.Nodes.Count);
        return new WriteView(map, table, WriteClients);
    }
}
