using Miroir.Core.Routing;

namespace Miroir.Core.Tests.Routing;

/// <summary>Small builders for topologies used across routing tests.</summary>
internal static class TestTopologies
{
    public static Topology Group(int replicationFactor, params string[] ids) =>
        new(ids.Select(id => new TopologyNode(id, "http://" + id + ":7700", 0)), replicationFactor, 1);

    public static Topology Groups(int replicationFactor, params string[][] groups) =>
        new(groups.SelectMany((ids, g) => ids.Select(id => new TopologyNode(id, "http://" + id + ":7700", g))),
            replicationFactor, groups.Length);

    public static string[] OwnerIds(ShardMap map, int shard, int group) =>
        map.GetOwners(shard, group).ToArray().Select(o => map.GetNode(o).Id).ToArray();
}
