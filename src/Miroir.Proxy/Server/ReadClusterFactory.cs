using Miroir.Proxy.Cluster;
using Miroir.Proxy.Merging;
using Miroir.Proxy.Reads;

namespace Miroir.Proxy.Server;

/// <summary>Builds the read side's narrow view (<see cref="ReadCluster"/>) over the orchestrator's cluster state.</summary>
internal static class ReadClusterFactory
{
    public static ReadCluster Create(ProxyContext context)
    {
        var cluster = context.Cluster;
        return new ReadCluster
        {
            FindIndex = uid => cluster.FindIndex(uid) is { } meta ? ToRead(cluster, meta) : null,
            ListIndexes = () => cluster.Indexes.OrderBy(i => i.Uid, StringComparer.Ordinal).Select(i => ToRead(cluster, i)).ToList(),
            NodeClient = ordinal => cluster.Nodes[ordinal].Http,
            NodeApiKey = string.IsNullOrEmpty(context.Config.NodeMasterKey) ? null : context.Config.NodeMasterKey,
            Scatter = context.Config.Scatter,
            Time = context.Time,
        };
    }

    private static ReadIndex ToRead(ClusterState cluster, IndexMeta meta) => new()
    {
        Uid = meta.Uid,
        Map = cluster.ShardMap(meta),
        PrimaryKey = meta.PrimaryKey,
        Facets = new FacetMergeOptions { MaxValuesPerFacet = meta.MaxValuesPerFacet },
    };
}
