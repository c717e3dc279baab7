using Miroir.Core.Routing;

namespace Miroir.Core.Tests.Routing;

public sealed class ShardMapUnitTests
{
    private static readonly Topology TwoGroups = TestTopologies.Groups(2, ["a0", "a1", "a2", "a3"], ["b0", "b1", "b2"]);

    [Fact]
    public void GetOwners_EveryShardAndGroup_EqualsRendezvousAssign()
    {
        var map = new ShardMap(TwoGroups, 64);
        for (var shard = 0; shard < 64; shard++)
        {
            Assert.Equal(Rendezvous.Assign(shard, ["a0", "a1", "a2", "a3"], 2), TestTopologies.OwnerIds(map, shard, 0));
            Assert.Equal(Rendezvous.Assign(shard, ["b0", "b1", "b2"], 2), TestTopologies.OwnerIds(map, shard, 1));
        }
    }

    [Fact]
    public void GetWriteTargets_IsOwnersOfEveryGroup()
    {
        var map = new ShardMap(TwoGroups, 16);
        for (var shard = 0; shard < 16; shard++)
        {
            var expected = map.GetOwners(shard, 0).ToArray().Concat(map.GetOwners(shard, 1).ToArray());
            Assert.Equal(expected, map.GetWriteTargets(shard).ToArray());
            Assert.Equal(4, map.GetWriteTargets(shard).Length);
        }
    }

    [Fact]
    public void GetShards_ListsExactlyTheShardsANodeOwns()
    {
        var map = new ShardMap(TwoGroups, 32);
        for (var ordinal = 0; ordinal < TwoGroups.Nodes.Count; ordinal++)
        {
            var expected = Enumerable.Range(0, 32).Where(s => map.GetWriteTargets(s).Contains(ordinal));
            Assert.Equal(expected, map.GetShards(ordinal).ToArray());
        }
    }

    [Fact]
    public void Constructor_ZeroShards_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShardMap(TwoGroups, 0));

    [Fact]
    public void Cover_AllHealthy_EveryShardOnceByOneOfItsOwners()
    {
        var map = new ShardMap(TwoGroups, 64);
        for (ulong rotation = 0; rotation < 4; rotation++)
        {
            var cover = map.Cover(1, rotation);
            Assert.True(cover.IsComplete);
            var covered = cover.Targets.SelectMany(t => t.Shards.ToArray()).Order();
            Assert.Equal(Enumerable.Range(0, 64), covered);
            foreach (var target in cover.Targets)
            {
                Assert.Equal(1, target.Node.ReplicaGroup);
                Assert.All(target.Shards.ToArray(), s => Assert.Contains(target.NodeOrdinal, map.GetOwners(s, 1).ToArray()));
                Assert.All(target.Shards.ToArray(), s => Assert.Equal(target.NodeOrdinal, cover.NodeByShard[s]));
            }

            Assert.Equal(cover.Targets.Select(t => t.NodeOrdinal).Order(), cover.Targets.Select(t => t.NodeOrdinal));
        }
    }

    [Fact]
    public void Cover_SuccessiveRotations_UseEveryReplicaOfEveryShard()
    {
        var map = new ShardMap(TwoGroups, 64);
        var first = map.Cover(0, 0);
        var second = map.Cover(0, 1);
        Assert.Same(first, map.Cover(0, 2));
        for (var shard = 0; shard < 64; shard++)
        {
            Assert.Equal(map.GetOwners(shard, 0)[0], first.NodeByShard[shard]);
            Assert.Equal(map.GetOwners(shard, 0)[1], second.NodeByShard[shard]);
        }
    }

    [Fact]
    public void Cover_HealthyPath_DoesNotAllocate()
    {
        var map = new ShardMap(TwoGroups, 64);
        map.Cover(0, 1);
        var noneDown = new ExcludedNodes(new HashSet<string>());
        map.Cover(0, 1, noneDown);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (ulong i = 0; i < 100; i++)
        {
            map.Cover((int)(i % 2), i);
            map.Cover((int)(i % 2), i, noneDown);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Cover_OtherGroupUnhealthy_ReturnsCachedSet()
    {
        var map = new ShardMap(TwoGroups, 64);
        Assert.Same(map.Cover(0, 3), map.Cover(0, 3, new ExcludedNodes(new HashSet<string> { "b0", "b1" })));
    }

    [Fact]
    public void Cover_NodeExcluded_ItsShardsGoToTheOtherReplica()
    {
        var map = new ShardMap(TwoGroups, 64);
        var down = TwoGroups.GetOrdinal("a1");
        var cover = map.Cover(0, 0, new ExcludedNodes(new HashSet<string> { "a1" }));
        Assert.True(cover.IsComplete);
        Assert.DoesNotContain(cover.Targets, t => t.NodeOrdinal == down);
        for (var shard = 0; shard < 64; shard++)
        {
            var owners = map.GetOwners(shard, 0);
            var expected = owners[0] == down ? owners[1] : owners[0];
            Assert.Equal(expected, cover.NodeByShard[shard]);
        }
    }

    [Fact]
    public void Cover_AllReplicasOfSomeShardsDown_ReportsExactlyThoseShards()
    {
        var map = new ShardMap(TwoGroups, 64);
        var downIds = new HashSet<string> { "a0", "a2" };
        var down = downIds.Select(TwoGroups.GetOrdinal).ToHashSet();
        var cover = map.Cover(0, 1, new ExcludedNodes(downIds));
        var expected = Enumerable.Range(0, 64).Where(s => map.GetOwners(s, 0).ToArray().All(down.Contains)).ToArray();
        Assert.NotEmpty(expected);
        Assert.False(cover.IsComplete);
        Assert.Equal(expected, cover.UncoveredShards.ToArray());
        Assert.All(expected, s => Assert.Equal(-1, cover.NodeByShard[s]));
        Assert.Equal(64 - expected.Length, cover.Targets.Sum(t => t.Shards.Length));
    }

    [Fact]
    public void CoverWithFallback_GroupCannotServeShard_TakesItFromAnotherGroup()
    {
        var map = new ShardMap(TwoGroups, 64);
        var downIds = new HashSet<string> { "a0", "a2" };
        var within = map.Cover(0, 0, new ExcludedNodes(downIds));
        var cover = map.CoverWithFallback(0, 0, new ExcludedNodes(downIds));
        Assert.True(cover.IsComplete);
        Assert.Equal(0, cover.Group);
        foreach (var shard in within.UncoveredShards)
        {
            Assert.Equal(map.GetOwners(shard, 1)[0], cover.NodeByShard[shard]);
        }
    }

    [Fact]
    public void CoverWithFallback_EverythingDown_AllShardsUncovered()
    {
        var map = new ShardMap(TwoGroups, 8);
        var all = TwoGroups.Nodes.Select(n => n.Id).ToHashSet();
        var cover = map.CoverWithFallback(1, 0, new ExcludedNodes(all));
        Assert.Empty(cover.Targets);
        Assert.Equal(Enumerable.Range(0, 8), cover.UncoveredShards.ToArray());
    }

    [Fact]
    public void CoversAllOwnedShards_TrueOnlyWhenNodeHoldsNothingElse()
    {
        var rf1 = new ShardMap(TestTopologies.Group(1, "a", "b", "c"), 64);
        Assert.All(rf1.Cover(0, 0).Targets, t => Assert.True(t.CoversAllOwnedShards));
        var rf2 = new ShardMap(TestTopologies.Group(2, "a", "b", "c"), 64);
        Assert.All(rf2.Cover(0, 0).Targets, t => Assert.False(t.CoversAllOwnedShards));
    }

    [Fact]
    public void ChangesFrom_AddNodeToGroup_ReportsOnlyShardsTheNewNodeGained()
    {
        var before = new ShardMap(TestTopologies.Groups(2, ["a", "b", "c"], ["x", "y"]), 64);
        var after = new ShardMap(TestTopologies.Groups(2, ["a", "b", "c", "d"], ["x", "y"]), 64);
        var changes = after.ChangesFrom(before);
        Assert.NotEmpty(changes);
        Assert.All(changes, c =>
        {
            Assert.Equal(0, c.Group);
            Assert.Equal(["d"], c.Added);
            Assert.Single(c.Removed);
        });
        Assert.Equal(after.GetShards(after.Topology.GetOrdinal("d")).ToArray(), changes.Select(c => c.Shard));
        Assert.Empty(before.ChangesFrom(before));
    }

    [Fact]
    public void ChangesFrom_NewGroup_ReportsEveryShardAsAdded()
    {
        var before = new ShardMap(TestTopologies.Group(1, "a", "b"), 8);
        var after = new ShardMap(TestTopologies.Groups(1, ["a", "b"], ["x"]), 8);
        var changes = after.ChangesFrom(before);
        Assert.Equal(8, changes.Count);
        Assert.All(changes, c =>
        {
            Assert.Equal(1, c.Group);
            Assert.Equal(["x"], c.Added);
            Assert.Empty(c.Removed);
        });
    }

    [Fact]
    public void ChangesFrom_DifferentShardCounts_Throws() =>
        Assert.Throws<ArgumentException>(() =>
            new ShardMap(TwoGroups, 8).ChangesFrom(new ShardMap(TwoGroups, 16)));
}
