using Miroir.Proxy.Cluster;
using Miroir.Proxy.Merging;
using Miroir.Proxy.Server;

namespace Miroir.Proxy.Reads;

/// <summary>Builds the read side's <see cref="ReadCluster"/> view over the orchestrator's live cluster state.</summary>
internal static class ReadClusterFactory
{
    public static ReadCluster FromContext(ProxyContext context)
    {
        var state = context.Cluster;
        return new ReadCluster
        {
            FindIndex = uid => state.FindIndex(uid) is { } meta ? ToReadIndex(state, meta) : null,
            ListIndexes = () => [.. state.Indexes.OrderBy(i => i.Uid, StringComparer.Ordinal).Select(meta => ToReadIndex(state, meta))],
            NodeClient = ordinal => state.Nodes[ordinal].Http,
            IsNodeAvailable = ordinal => state.NodeStates.IsReadable(state.Nodes[ordinal].Id),
            NodeCompleted = (ordinal, start, errorType) => state.Observer.Completed(state.Nodes[ordinal].Id, "read", start, errorType),
            Metrics = state.Observer.Metrics,
            Scatter = context.Config.Scatter,
            Time = context.Time,
        };
    }

    // Settings the orchestrator does not track yet (sortFacetValuesBy, pagination.maxTotalHits) use Meilisearch's defaults.
    private static ReadIndex ToReadIndex(ClusterState state, IndexMeta meta) => new()
    {
        Uid = meta.Uid,
        Map = state.ShardMap(meta),
        PrimaryKey = meta.PrimaryKey,
        Facets = new FacetMergeOptions { MaxValuesPerFacet = meta.MaxValuesPerFacet },
    };
}
