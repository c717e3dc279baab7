using System.Collections.Immutable;
using Miroir.Core.Routing;
using Miroir.Proxy.Hints;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.Cluster;

/// <summary>
/// Everything a request may know of the cluster, frozen at one instant: the topology snapshot (node clients,
/// shard maps, a rebalance's target), index metadata, node states and the copies nodes owe. A request captures one view at the door
/// and carries it to the end, so a topology switch, an index change or a node failing mid-request never pairs
/// one moment's shard map with another moment's node list. <see cref="ClusterState"/> publishes a new view whole
/// after every change.
/// </summary>
public sealed class ClusterView
{
    private readonly ImmutableSortedDictionary<string, IndexMeta> _indexes;
    private readonly IReadOnlyDictionary<string, NodeState> _states;
    private readonly bool[] _readable;

    internal ClusterView(ClusterSnapshot snapshot, ImmutableSortedDictionary<string, IndexMeta> indexes, IReadOnlyDictionary<string, NodeState> states, RepairHintSet hints, int defaultShards)
    {
        Snapshot = snapshot;
        _indexes = indexes;
        _states = states;
        Hints = hints;
        DefaultShards = defaultShards;
        _readable = [.. snapshot.Clients.Select(c => NodeStates.IsReadableState(StateOf(c.Id)))];
        AnyJoining = snapshot.Clients.Any(c => StateOf(c.Id) == NodeState.Joining);
    }

    /// <summary>The topology with its node clients and shard maps.</summary>
    public ClusterSnapshot Snapshot { get; }

    public Topology Topology => Snapshot.Topology;

    /// <summary>Node clients of the current topology, by ordinal.</summary>
    public IReadOnlyList<NodeClient> Nodes => Snapshot.Clients;

    /// <summary>The copies nodes missed and still owe (durable hints, 01-core §3.6).</summary>
    public RepairHintSet Hints { get; }

    /// <summary>S given to indexes created from now on.</summary>
    public int DefaultShards { get; }

    /// <summary>Every known index, by uid (ordinal order).</summary>
    /// <remarks>Listed on first use only: request paths look indexes up by uid and never pay for the list.</remarks>
    public IReadOnlyList<IndexMeta> Indexes => field ??= [.. _indexes.Values];

    public IndexMeta? FindIndex(string uid) => _indexes.GetValueOrDefault(uid);

    /// <summary>The shard count of an index, or the default S for one not created yet.</summary>
    public int ShardsOf(string uid) => FindIndex(uid)?.Shards ?? DefaultShards;

    /// <summary>The client-visible <c>maxValuesPerFacet</c> of an index (Meilisearch's default when unknown).</summary>
    public int MaxValuesPerFacet(string uid) => FindIndex(uid)?.MaxValuesPerFacet ?? IndexMeta.DefaultMaxValuesPerFacet;

    public ShardMap ShardMap(int shards) => Snapshot.ShardMap(shards);

    public ShardMap ShardMap(IndexMeta index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Snapshot.ShardMap(index.Shards);
    }

    /// <summary>A node's state when the view was taken; nodes never reported are healthy.</summary>
    public NodeState StateOf(string nodeId) => _states.GetValueOrDefault(nodeId, NodeState.Healthy);

    /// <summary>True when reads may use the node of this ordinal in <see cref="Topology"/>.</summary>
    public bool IsReadable(int ordinal) => _readable[ordinal];

    /// <summary>True when the node of this ordinal is joining: reads use its copies only when no other replica is live.</summary>
    public bool IsJoining(int ordinal) => StateOf(Snapshot.Clients[ordinal].Id) == NodeState.Joining;

    /// <summary>True when some node of <see cref="Topology"/> is joining (reads then weigh copies one by one).</summary>
    public bool AnyJoining { get; }

    /// <summary>True when reads may use the node (healthy, degraded or draining).</summary>
    public bool IsReadableNode(string nodeId) => NodeStates.IsReadableState(StateOf(nodeId));
}
