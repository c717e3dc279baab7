using Miroir.Proxy.Cluster;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Server;

namespace Miroir.Proxy.Reads;

/// <summary>Builds the read side's <see cref="ReadCluster"/> view over the orchestrator's live cluster state.</summary>
internal static class ReadClusterFactory
{
    public static ReadCluster FromContext(ProxyContext context)
    {
        var state = context.Cluster;
        var loads = new NodeLoads();
        var selection = context.Config.ReplicaSelection;
        return new ReadCluster
        {
            FindIndex = uid => state.FindIndex(uid) is { } meta ? ToReadIndex(state, meta) : null,
            ListIndexes = () => [.. state.Indexes.OrderBy(i => i.Uid, StringComparer.Ordinal).Select(meta => ToReadIndex(state, meta))],
            NodeClient = ordinal => PoolFor(state, ordinal).Invoker,
            NodeApiKey = context.Config.NodeMasterKey,
            IsNodeAvailable = ordinal => IdAt(state, ordinal) is not { } id || state.NodeStates.IsReadable(id),
            NodeCompleted = (ordinal, start, errorType) =>
            {
                if (IdAt(state, ordinal) is { } id)
                {
                    state.Observer.Completed(id, "read", start, errorType);
                }
            },
            Metrics = state.Observer.Metrics,
            Scatter = context.Config.Scatter,
            Hedging = context.Config.Hedging,
            ReplicaSelection = selection,
            Loads = loads,
            TailMetrics = new ReadTailMetrics(state.Observer.Metrics.Meter, loads, selection.ErrorWeight),
            Time = context.Time,
        };
    }

    // Read requests carry absolute URIs taken from the map they were routed on; the client only lends its
    // connection pool. A rebalance may publish a smaller topology mid-request, so an ordinal past the end
    // borrows another node's pool instead of failing.
    private static NodeClient PoolFor(ClusterState state, int ordinal)
    {
        var nodes = state.Nodes;
        return nodes[ordinal < nodes.Count ? ordinal : 0];
    }

    // The node id behind an ordinal of the current topology (null past its end, see PoolFor).
    private static string? IdAt(ClusterState state, int ordinal)
    {
        var nodes = state.Nodes;
        return ordinal < nodes.Count ? nodes[ordinal].Id : null;
    }

    // The client-visible faceting and pagination settings as last committed by a verified settings change.
    private static ReadIndex ToReadIndex(ClusterState state, IndexMeta meta) => new()
    {
        Uid = meta.Uid,
        Map = state.ShardMap(meta),
        PrimaryKey = meta.PrimaryKey,
        Facets = meta.FacetOptions(),
        MaxTotalHits = meta.MaxTotalHits,
        CommittedSettings = meta.CommittedSettings,
    };
}
