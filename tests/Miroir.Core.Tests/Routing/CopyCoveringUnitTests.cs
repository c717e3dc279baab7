using Miroir.Core.Routing;

namespace Miroir.Core.Tests.Routing;

/// <summary>Covering with per-copy availability: owed and joining copies serve a shard only as its only live copy.</summary>
public sealed class CopyCoveringUnitTests
{
    private static readonly Topology TwoGroups = TestTopologies.Groups(2, ["a0", "a1", "a2", "a3"], ["b0", "b1", "b2"]);

    /// <summary>Test availability: nodes down, whole nodes last resort (joining), and single copies owed.</summary>
    private readonly struct Copies(HashSet<string>? down = null, HashSet<string>? joining = null, HashSet<(string Node, int Shard)>? owed = null)
        : INodeAvailability
    {
        public bool IsAvailable(int nodeOrdinal, TopologyNode node) =>
            down?.Contains(node.Id) != true && joining?.Contains(node.Id) != true;

        public bool HasCopyLimits => joining is { Count: > 0 } || owed is { Count: > 0 };

        public CopyUse Copy(int nodeOrdinal, TopologyNode node, int shard) =>
            down?.Contains(node.Id) == true ? CopyUse.Unavailable
            : joining?.Contains(node.Id) == true || owed?.Contains((node.Id, shard)) == true ? CopyUse.LastResort
            : CopyUse.Preferred;
    }

    private static int Ordinal(string id) => TwoGroups.GetOrdinal(id);

    [Fact]
    public void Cover_NoCopyLimits_ReturnsCachedSetWithoutAllocating()
    {
        var map = new ShardMap(TwoGroups, 64);
        var none = new Copies();
        Assert.Same(map.Cover(0, 1), map.CoverWithFallback(0, 1, none));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (ulong i = 0; i < 100; i++)
        {
            map.CoverWithFallback((int)(i % 2), i, none);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Cover_OwedCopy_ShardGoesToTheOtherReplica()
    {
        var map = new ShardMap(TwoGroups, 64);
        var shard = Enumerable.Range(0, 64).First(s => map.GetOwners(s, 0)[0] == Ordinal("a0"));
        var cover = map.CoverWithFallback(0, 0, new Copies(owed: [("a0", shard)]));
        Assert.Equal(map.GetOwners(shard, 0)[1], cover.NodeByShard[shard]);
        Assert.True(cover.IsComplete);
        Assert.Empty(cover.LastResortShards.ToArray());

        // Only that copy: a0 still answers for its other shards.
        Assert.Contains(cover.Targets, t => t.NodeOrdinal == Ordinal("a0"));
    }

    [Fact]
    public void CoverWithFallback_OwedInWholeGroup_TakesTheCleanCopyOfAnotherGroupFirst()
    {
        var map = new ShardMap(TwoGroups, 16);
        var shard = 3;
        var owed = map.GetOwners(shard, 0).ToArray().Select(o => (map.GetNode(o).Id, shard)).ToHashSet();
        var cover = map.CoverWithFallback(0, 0, new Copies(owed: owed));
        Assert.Contains(cover.NodeByShard[shard], map.GetOwners(shard, 1).ToArray());
        Assert.False(cover.IsLastResort(shard));
    }

    [Fact]
    public void Cover_OwedCopyIsTheOnlyLiveOne_ServesItAsLastResort()
    {
        var map = new ShardMap(TestTopologies.Group(2, "a", "b", "c"), 16);
        var shard = 5;
        var owners = map.GetOwners(shard, 0).ToArray();
        var (owing, down) = (map.GetNode(owners[0]).Id, map.GetNode(owners[1]).Id);
        var cover = map.Cover(0, 0, new Copies(down: [down], owed: [(owing, shard)]));
        Assert.Equal(owners[0], cover.NodeByShard[shard]);
        Assert.True(cover.IsComplete);
        Assert.Equal([shard], cover.LastResortShards.ToArray());
        Assert.True(cover.IsLastResort(shard));
        Assert.False(cover.IsLastResort(shard + 1));
    }

    [Fact]
    public void Cover_JoiningNode_ServesOnlyShardsWithoutAnotherLiveCopy()
    {
        var map = new ShardMap(TestTopologies.Group(2, "a", "b", "c"), 32);
        var cover = map.Cover(0, 0, new Copies(down: ["b"], joining: ["a"]));
        var (a, b) = (map.Topology.GetOrdinal("a"), map.Topology.GetOrdinal("b"));
        Assert.True(cover.IsComplete);
        for (var shard = 0; shard < 32; shard++)
        {
            var owners = map.GetOwners(shard, 0).ToArray();
            var onlyJoining = owners.Contains(a) && owners.Contains(b);
            Assert.Equal(onlyJoining, cover.IsLastResort(shard));
            Assert.Equal(onlyJoining, cover.NodeByShard[shard] == a);
        }
    }

    [Fact]
    public void Cover_NoLiveCopyAtAll_ShardUncoveredNotLastResort()
    {
        var map = new ShardMap(TestTopologies.Group(2, "a", "b", "c"), 8);
        var cover = map.Cover(0, 0, new Copies(down: ["a", "b", "c"], owed: [("a", 0)]));
        Assert.Equal(Enumerable.Range(0, 8), cover.UncoveredShards.ToArray());
        Assert.Empty(cover.LastResortShards.ToArray());
    }

    [Fact]
    public void Cover_WithoutCrossGroupFallback_LastResortStaysInTheGroup()
    {
        var map = new ShardMap(TwoGroups, 16);
        var shard = 2;
        var owners = map.GetOwners(shard, 0).ToArray();
        var cover = map.Cover(0, 0, new Copies(down: [map.GetNode(owners[1]).Id], owed: [(map.GetNode(owners[0]).Id, shard)]));
        Assert.Equal(owners[0], cover.NodeByShard[shard]);
        Assert.True(cover.IsLastResort(shard));
    }
}
