using Miroir.Core.Configuration;
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
    [InlineData(WriteQuorumPolicy.One, 1, 1)]
    [InlineData(WriteQuorumPolicy.One, 3, 1)]
    [InlineData(WriteQuorumPolicy.Majority, 1, 1)]
    [InlineData(WriteQuorumPolicy.Majority, 2, 2)]
    [InlineData(WriteQuorumPolicy.Majority, 3, 2)]
    [InlineData(WriteQuorumPolicy.Majority, 5, 3)]
    [InlineData(WriteQuorumPolicy.All, 3, 3)]
    public void Needed_Policy_CountsOwners(WriteQuorumPolicy policy, int owners, int expected) =>
        Assert.Equal(expected, WriteQuorum.Needed(policy, owners));

    [Fact]
    public void Evaluate_AllAcked_ReachedAndNotDegraded()
    {
        var map = Map(3, 2, 2);
        var quorum = WriteQuorum.Evaluate(map, Enumerable.Repeat(true, 6).ToArray(), _ => true, WriteQuorumPolicy.Majority);
        Assert.True(quorum.Reached);
        Assert.Empty(quorum.DegradedGroups);
        Assert.Empty(quorum.Missed);
        Assert.Equal(-1, quorum.FailedShard);
    }

    [Fact]
    public void Evaluate_Rf2OneGroupOwnerDownPolicyOne_ReachedWithMissedCopies()
    {
        var map = Map(3, 1, 2);
        var acked = new[] { false, true, true };
        var quorum = WriteQuorum.Evaluate(map, acked, _ => true, WriteQuorumPolicy.One);
        Assert.True(quorum.Reached);
        Assert.Empty(quorum.DegradedGroups);
        var missed = Assert.Single(quorum.Missed);
        Assert.Equal(0, missed.Node);
        var owned = Enumerable.Range(0, map.ShardCount).Where(s => map.GetOwners(s, 0).Contains(0)).ToArray();
        Assert.Equal(owned, missed.Shards);
    }

    [Fact]
    public void Evaluate_Rf2OneGroupOwnerDownPolicyMajority_NotReached()
    {
        var map = Map(3, 1, 2);
        var quorum = WriteQuorum.Evaluate(map, new[] { false, true, true }, _ => true, WriteQuorumPolicy.Majority);
        Assert.False(quorum.Reached);
        Assert.True(map.GetOwners(quorum.FailedShard, 0).Contains(0));
    }

    [Fact]
    public void Evaluate_Rf3OneOwnerDownPolicyAll_NotReachedButMajorityIs()
    {
        var map = Map(4, 1, 3);
        var acked = new[] { false, true, true, true };
        Assert.False(WriteQuorum.Evaluate(map, acked, _ => true, WriteQuorumPolicy.All).Reached);
        var majority = WriteQuorum.Evaluate(map, acked, _ => true, WriteQuorumPolicy.Majority);
        Assert.True(majority.Reached);
        Assert.Empty(majority.DegradedGroups);
        Assert.Equal(0, Assert.Single(majority.Missed).Node);
    }

    [Fact]
    public void Evaluate_OneNodeOfGroupZeroDownMajority_ReachedWithGroupZeroDegraded()
    {
        var map = Map(3, 2, 2);
        var acked = Enumerable.Repeat(true, 6).ToArray();
        acked[0] = false;
        var quorum = WriteQuorum.Evaluate(map, acked, _ => true, WriteQuorumPolicy.Majority);
        Assert.True(quorum.Reached);
        Assert.Equal(new[] { 0 }, quorum.DegradedGroups);
    }

    [Fact]
    public void Evaluate_SameShardMissesInBothGroupsMajority_NotReachedAndNamesTheShard()
    {
        var map = Map(3, 2, 2);
        var acked = Enumerable.Repeat(true, 6).ToArray();
        acked[map.GetOwners(5, 0)[0]] = false;
        acked[map.GetOwners(5, 1)[0]] = false;
        var quorum = WriteQuorum.Evaluate(map, acked, s => s == 5, WriteQuorumPolicy.Majority);
        Assert.False(quorum.Reached);
        Assert.Equal(5, quorum.FailedShard);
        Assert.Equal(new[] { 0, 1 }, quorum.DegradedGroups);
    }

    [Fact]
    public void Evaluate_NoOwnerTookTheShard_NoCopyOwed()
    {
        // Nothing landed anywhere: there is nothing to repair from, so no owner owes the shard.
        var map = Map(3, 1, 2);
        var owners = map.GetOwners(5, 0).ToArray();
        var acked = new[] { true, true, true };
        foreach (var owner in owners)
        {
            acked[owner] = false;
        }

        var quorum = WriteQuorum.Evaluate(map, acked, s => s == 5, WriteQuorumPolicy.One);
        Assert.False(quorum.Reached);
        Assert.Empty(quorum.Missed);
    }

    [Fact]
    public void Evaluate_DownNodeOwnsNoInvolvedShard_ReachedAndNotDegraded()
    {
        var map = Map(3, 1, 2);
        var shard = Enumerable.Range(0, map.ShardCount).First(s => !map.GetOwners(s, 0).Contains(2));
        var quorum = WriteQuorum.Evaluate(map, new[] { true, true, false }, s => s == shard, WriteQuorumPolicy.All);
        Assert.True(quorum.Reached);
        Assert.False(quorum.IsDegraded);
    }
}
