using Miroir.Core.Routing;
using Miroir.Proxy.Cluster;

namespace Miroir.Proxy.Admin;

/// <summary>
/// How well the shards are served right now, over every shard count in use (the default S and each index's S):
/// a shard is <em>covered</em> when some group has a readable owner, <em>degraded</em> when an owner is not readable.
/// </summary>
internal readonly record struct ShardCoverage(int Total, int Covered, int Degraded)
{
    public bool FullyCovered => Covered == Total;

    /// <summary>Covered / total (1 when there is nothing to cover).</summary>
    public double Ratio => Total == 0 ? 1 : (double)Covered / Total;

    public static ShardCoverage Of(ClusterView cluster)
    {
        var snapshot = cluster.Snapshot;
        var counts = new HashSet<int> { cluster.DefaultShards };
        foreach (var index in cluster.Indexes)
        {
            counts.Add(index.Shards);
        }

        var readable = new bool[snapshot.Clients.Count];
        for (var i = 0; i < readable.Length; i++)
        {
            readable[i] = cluster.IsReadable(i);
        }

        int total = 0, covered = 0, degraded = 0;
        foreach (var shards in counts)
        {
            var map = snapshot.ShardMap(shards);
            for (var shard = 0; shard < map.ShardCount; shard++)
            {
                var (isCovered, isDegraded) = Check(map, shard, readable);
                total++;
                covered += isCovered ? 1 : 0;
                degraded += isDegraded ? 1 : 0;
            }
        }

        return new ShardCoverage(total, covered, degraded);
    }

    /// <summary>Whether one shard has a readable owner in some group, and whether any of its owners is not readable.</summary>
    public static (bool Covered, bool Degraded) Check(ShardMap map, int shard, bool[] readable)
    {
        var covered = false;
        var degraded = false;
        for (var g = 0; g < map.Topology.ReplicaGroupCount; g++)
        {
            foreach (var owner in map.GetOwners(shard, g))
            {
                covered |= readable[owner];
                degraded |= !readable[owner];
            }
        }

        return (covered, degraded);
    }
}
