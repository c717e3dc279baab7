using Miroir.Proxy.Cluster;
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
            Scatter = context.Config.Scatter,
            Time = context.Time,
        };
    }

    // The client-visible faceting and pagination settings as last committed by a verified settings change.
    private static ReadIndex ToReadIndex(ClusterState state, IndexMeta meta) => new()
    {
        Uid = meta.Uid,
        Map = state.ShardMap(meta),
        PrimaryKey = meta.PrimaryKey,
        Facets = meta.FacetOptions(),
        MaxTotalHits = meta.MaxTotalHits,
    };
}
