using Miroir.Core.Routing;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Routing;

namespace Miroir.Proxy.Cluster;

/// <summary>
/// The write path's view of one snapshot for one shard count: the routing table (dual targets during a
/// rebalance), the clients its node indices refer to, and the current map quorum is counted on.
/// </summary>
/// <param name="Map">The current map: quorum and task accounting use its owners (indices below its node count).</param>
/// <param name="Table">Per shard write targets, as indices into <paramref name="Nodes"/>.</param>
/// <param name="Nodes">Clients by write index; the first <c>Map.Topology.Nodes.Count</c> are the current nodes.</param>
public sealed record WriteView(ShardMap Map, WriteRouteTable Table, IReadOnlyList<NodeClient> Nodes)
{
    /// <summary>Nodes of the current topology; indices at or above this are joining nodes (dual-write only).</summary>
    public int CurrentCount => Map.Topology.Nodes.Count;
}
