using Miroir.Core.Routing;
using Miroir.Proxy.Writes;

namespace Miroir.Proxy.Tests.Writes;

public sealed class WriteQuorumUnitTests
{
    private static ShardMap Map(int nodesPerGroup, int groups, int rf, int shards = 16) =>
        new(new Topology(
            Enumerable.Range(0, nodesPerGroup * groups).Select(i => new TopologyNode($"n{i:D2}", "http://x", i / nodesPerGroup)),
            rf,
            groups), shards);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    public void Needed_ReplicationFactor_IsMajority(int rf, int expected) => Assert.Equal(expected, WriteQuorum.Needed(rf));

    [Fact]
    public void Evaluate_AllAcked_ReachedAndNotDegraded()
    {
        var map = Map(3, 2, 2);
        var quorum = WriteQuorum.Evaluate(map, Enumerable.Repeat(true, 6).ToArray(), _ => true);
        Assert.True(quorum.Reached);
        Assert.Empty(quorum.DegradedGroups);
        Assert.Equal(-1, quorum.FailedShard);
    }

    [Fact]
    public void Evaluate_OneNodeOfGroupZeroDown_ReachedWithGroupZeroDegraded()
    {
        var map = Map(3, 2, 2);
        var acked = Enumerable.Repeat(true, 6).ToArray();
        acked[0] = false;
        var quorum = WriteQuorum.Evaluate(map, acked, _ => true);
        Assert.True(quorum.Reached);
        Assert.Equal(new[] { 0 }, quorum.DegradedGroups);
    }

    [Fact]
    public void Evaluate_SameShardMissesInBothGroups_NotReachedAndNamesTheShard()
    {
        var map = Map(3, 2, 2);
        var acked = Enumerable.Repeat(true, 6).ToArray();
        acked[map.GetOwners(5, 0)[0]] = false;
        acked[map.GetOwners(5, 1)[0]] = false;
        var quorum = WriteQuorum.Evaluate(map, acked, s => s == 5);
        Assert.False(quorum.Reached);
        Assert.Equal(5, quorum.FailedShard);
        Assert.Equal(new[] { 0, 1 }, quorum.DegradedGroups);
    }

    [Fact]
    public void Evaluate_DownNodeOwnsNoInvolvedShard_ReachedAndNotDegraded()
    {
        var map = Map(3, 1, 2);
        var shard = Enumerable.Range(0, map.ShardCount).First(s => !map.GetOwners(s, 0).Contains(2));
        var acked = new[] { true, true, false };
        var quorum = WriteQuorum.Evaluate(map, acked, s => s == shard);
        Assert.True(quorum.Reached);
        Assert.Empty(quorum.DegradedGroups);
    }

    [Fact]
    public void Evaluate_Rf3OneOwnerDown_StillReachesMajority()
    {
        var map = Map(4, 1, 3);
        var acked = new[] { false, true, true, true };
        var quorum = WriteQuorum.Evaluate(map, acked, _ => true);
        Assert.True(quorum.Reached);
        Assert.Empty(quorum.DegradedGroups);
    }
}
