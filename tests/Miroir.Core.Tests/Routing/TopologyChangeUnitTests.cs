using Miroir.Core.Routing;

namespace Miroir.Core.Tests.Routing;

public sealed class TopologyChangeUnitTests
{
    [Fact]
    public void MovesTo_FourthNodeJoinsThreeRf2_OnlyItGainsShardsAndEachMoveReplacesOneOwner()
    {
        var before = new ShardMap(TestTopologies.Group(2, "a", "b", "c"), 256);
        var after = new ShardMap(before.Topology.WithNode(new TopologyNode("d", "http://d:7700", 0)), 256);
        var moves = before.MovesTo(after);

        Assert.All(moves, m =>
        {
            Assert.Equal(["d"], m.Targets);
            Assert.Single(m.Losers);
            Assert.Equal(2, m.Sources.Count);
        });

        // d's share of the 2 × 256 shard copies is about 1/4, and nothing else moves.
        Assert.Equal(after.GetShards(after.Topology.GetOrdinal("d")).Length, moves.Count);
        Assert.InRange(moves.Count / 512.0, 0.25 * 0.8, 0.25 * 1.2);
    }

    [Fact]
    public void MovesTo_NodeDrained_OnlyItsShardsMove()
    {
        var before = new ShardMap(TestTopologies.Group(2, "a", "b", "c", "d"), 64);
        var after = new ShardMap(before.Topology.WithoutNode("b"), 64);
        var moves = before.MovesTo(after);

        Assert.Equal(before.GetShards(before.Topology.GetOrdinal("b")).ToArray(), moves.Select(m => m.Shard).ToArray());
        Assert.All(moves, m => Assert.Equal(["b"], m.Losers));
    }

    [Fact]
    public void MovesTo_MiddleGroupRemoved_LaterGroupsRenumberedWithoutMoving()
    {
        var before = new ShardMap(TestTopologies.Groups(1, ["a", "b"], ["c", "d"], ["e", "f"]), 32);
        var target = before.Topology.WithoutGroup(1);
        var after = new ShardMap(target, 32);
        var moves = before.MovesTo(after);

        Assert.Equal(2, target.ReplicaGroupCount);
        Assert.Equal(1, target.GetNode(target.GetOrdinal("e")).ReplicaGroup);
        Assert.All(moves, m =>
        {
            Assert.Empty(m.Targets);
            Assert.All(m.Losers, id => Assert.Contains(id, new[] { "c", "d" }));
        });
        Assert.Equal(32, moves.Count);
    }

    [Fact]
    public void MovesTo_GroupAdded_EveryShardGainsItsNewOwners()
    {
        var before = new ShardMap(TestTopologies.Group(1, "a", "b"), 16);
        var after = new ShardMap(before.Topology.WithGroup([new TopologyNode("x", "http://x:7700", 9), new TopologyNode("y", "http://y:7700", 9)]), 16);
        var moves = before.MovesTo(after);

        Assert.Equal(16, moves.Count);
        Assert.All(moves, m =>
        {
            Assert.Single(m.Targets);
            Assert.Empty(m.Losers);
        });
        Assert.Equal(1, after.Topology.GetNode(after.Topology.GetOrdinal("x")).ReplicaGroup);
    }

    [Fact]
    public void DualWriteMap_NodeJoining_WritesGoToOldOwnersFirstThenTheNewOne()
    {
        var current = new ShardMap(TestTopologies.Group(2, "a", "b", "c"), 64);
        var target = new ShardMap(current.Topology.WithNode(new TopologyNode("d", "http://d:7700", 0)), 64);
        var dual = new DualWriteMap(current, target);

        Assert.Equal(["a", "b", "c", "d"], dual.Nodes.Select(n => n.Id));
        for (var shard = 0; shard < 64; shard++)
        {
            var targets = dual.GetWriteTargets(shard).ToArray();
            Assert.Equal(current.GetWriteTargets(shard).ToArray(), targets[..2]);
            var expected = current.GetWriteTargets(shard).ToArray().Select(o => current.GetNode(o).Id)
                .Union(target.GetWriteTargets(shard).ToArray().Select(o => target.GetNode(o).Id))
                .Order(StringComparer.Ordinal);
            Assert.Equal(expected, targets.Select(i => dual.Nodes[i].Id).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void DualWriteMap_NodeDraining_KeepsWritingToIt()
    {
        var current = new ShardMap(TestTopologies.Group(2, "a", "b", "c"), 32);
        var target = new ShardMap(current.Topology.WithoutNode("c"), 32);
        var dual = new DualWriteMap(current, target);

        Assert.Equal(3, dual.Nodes.Count);
        foreach (var shard in current.GetShards(current.Topology.GetOrdinal("c")))
        {
            Assert.Contains(current.Topology.GetOrdinal("c"), dual.GetWriteTargets(shard).ToArray());
            Assert.Equal(3, dual.GetWriteTargets(shard).Length);
        }
    }

    [Fact]
    public void TopologyEdits_InvalidChange_Throws()
    {
        var topology = TestTopologies.Group(2, "a", "b");
        Assert.Throws<ArgumentException>(() => topology.WithNode(new TopologyNode("a", "http://a2:7700", 0)));
        Assert.Throws<ArgumentException>(() => topology.WithNode(new TopologyNode("z", "http://z:7700", 1)));
        Assert.Throws<ArgumentException>(() => TestTopologies.Group(1, "a").WithoutNode("a"));
        Assert.Throws<ArgumentException>(() => new ShardMap(topology, 8).MovesTo(new ShardMap(topology, 16)));
    }
}
