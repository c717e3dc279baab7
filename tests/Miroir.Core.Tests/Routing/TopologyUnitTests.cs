using Miroir.Core.Routing;

namespace Miroir.Core.Tests.Routing;

public sealed class TopologyUnitTests
{
    [Fact]
    public void Constructor_NodesInAnyOrder_OrdinalsSortedByGroupThenId()
    {
        var topology = new Topology(
            [new("c", "http://c", 1), new("b", "http://b", 0), new("a", "http://a", 1), new("d", "http://d", 0)], 1, 2);
        Assert.Equal(["b", "d", "a", "c"], topology.Nodes.Select(n => n.Id));
        Assert.Equal(2, topology.GetOrdinal("a"));
        Assert.Equal(-1, topology.GetOrdinal("zz"));
        Assert.Equal(2, topology.Groups[1].FirstOrdinal);
        Assert.True(topology.Groups[1].ContainsOrdinal(3));
        Assert.False(topology.Groups[1].ContainsOrdinal(1));
    }

    [Fact]
    public void Constructor_DuplicateId_Throws() =>
        Assert.Contains("'a' appears twice", Assert.Throws<ArgumentException>(() =>
            new Topology([new("a", "http://a", 0), new("a", "http://b", 0)], 1, 1)).Message);

    [Fact]
    public void Constructor_GroupOutOfRange_Throws() =>
        Assert.Throws<ArgumentException>(() => new Topology([new("a", "http://a", 1)], 1, 1));

    [Fact]
    public void Constructor_EmptyGroup_Throws() =>
        Assert.Contains("group 1 has no nodes", Assert.Throws<ArgumentException>(() =>
            new Topology([new("a", "http://a", 0)], 1, 2)).Message);

    [Fact]
    public void Constructor_EmptyId_Throws() =>
        Assert.Throws<ArgumentException>(() => new Topology([new("", "http://a", 0)], 1, 1));

    [Fact]
    public void EffectiveReplicationFactor_SmallGroup_IsGroupSize()
    {
        var topology = TestTopologies.Group(3, "a", "b");
        Assert.Equal(2, topology.Groups[0].EffectiveReplicationFactor);
        Assert.Equal(2, new ShardMap(topology, 4).GetOwners(0, 0).Length);
    }
}
