using System.Text;
using Miroir.Proxy.AntiEntropy;

namespace Miroir.Proxy.Tests.AntiEntropy;

public sealed class RepairDecisionUnitTests
{
    private const long Now = 1_000_000;

    private static DocumentCopy Copy(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return new DocumentCopy(new DocumentFingerprint("id", "_miroir_updated_at").Compute(bytes, ..)!.Value, bytes);
    }

    private static RepairDecision Decide(params DocumentCopy?[] copies) => RepairDecision.Decide(copies, Now, null);

    [Fact]
    public void Decide_AllEqual_None()
    {
        Assert.Equal(RepairKind.None, Decide(Copy("""{"id":1,"_miroir_updated_at":5}"""), Copy("""{"_miroir_updated_at":5,"id":1}""")).Kind);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Decide_MissingOnOne_TombstoneAtOrAfterNewestCopy_DeletesEverywhere(long deletedAt)
    {
        var decision = RepairDecision.Decide([null, Copy("""{"id":1,"_miroir_updated_at":5}"""), Copy("""{"id":1,"_miroir_updated_at":4}""")], Now, deletedAt);

        Assert.Equal(RepairKind.DeleteTombstoned, decision.Kind);
        Assert.False(decision.NeedsWrite(null));
    }

    [Fact]
    public void Decide_MissingOnOne_WriteAfterTombstone_RestoresIt()
    {
        var present = Copy("""{"id":1,"_miroir_updated_at":5}""");

        Assert.Equal((RepairKind.WriteWinner, present), (RepairDecision.Decide([null, present], Now, 4) is var d ? (d.Kind, d.Winner) : default));
    }

    [Fact]
    public void Decide_AllEqual_TombstoneChangesNothing() =>
        Assert.Equal(RepairKind.None, RepairDecision.Decide([Copy("""{"id":1,"_miroir_updated_at":5}"""), Copy("""{"id":1,"_miroir_updated_at":5}""")], Now, 9).Kind);

    [Fact]
    public void Decide_AbsentEverywhere_None() => Assert.Equal(RepairKind.None, Decide(null, null).Kind);

    [Fact]
    public void Decide_MissingOnOne_RestoresThePresentCopy()
    {
        var present = Copy("""{"id":1,"_miroir_updated_at":5}""");
        var decision = Decide(null, present);

        Assert.Equal((RepairKind.WriteWinner, present), (decision.Kind, decision.Winner));
        Assert.True(decision.NeedsWrite(null));
        Assert.False(decision.NeedsWrite(present));
    }

    [Fact]
    public void Decide_NewestStampWins_WhateverTheOrder()
    {
        var old = Copy("""{"id":1,"t":"old","_miroir_updated_at":5}""");
        var fresh = Copy("""{"id":1,"t":"new","_miroir_updated_at":6}""");

        Assert.Same(fresh, Decide(old, fresh).Winner);
        Assert.Same(fresh, Decide(fresh, old).Winner);
    }

    [Fact]
    public void Decide_MissingStampCountsAsZero_StampedCopyWins()
    {
        var unstamped = Copy("""{"id":1,"t":"edited by hand"}""");
        var stamped = Copy("""{"id":1,"t":"x","_miroir_updated_at":1}""");

        Assert.Same(stamped, Decide(unstamped, stamped).Winner);
    }

    [Fact]
    public void Decide_SameStamp_MajorityThenFirstReplica()
    {
        var a = Copy("""{"id":1,"t":"a","_miroir_updated_at":5}""");
        var b = Copy("""{"id":1,"t":"b","_miroir_updated_at":5}""");

        Assert.Same(b, Decide(a, b, Copy("""{"id":1,"t":"b","_miroir_updated_at":5}""")).Winner);
        Assert.Same(a, Decide(a, b).Winner);
        Assert.Same(b, Decide(b, a).Winner);
    }

    [Theory]
    [InlineData(Now)]
    [InlineData(Now - 1)]
    public void Decide_AnyCopyExpired_DeletesEverywhereEvenIfOthersAreNewer(long expiresAt)
    {
        var expired = Copy($$"""{"id":1,"_miroir_updated_at":1,"_miroir_expires_at":{{expiresAt}}}""");
        var newer = Copy("""{"id":1,"_miroir_updated_at":9}""");

        Assert.Equal(RepairKind.DeleteEverywhere, Decide(newer, null, expired).Kind);
    }

    [Fact]
    public void Decide_ExpiryInTheFuture_IsAnOrdinaryCopy()
    {
        var live = Copy($$"""{"id":1,"_miroir_updated_at":1,"_miroir_expires_at":{{Now + 1}}}""");

        Assert.Equal(RepairKind.WriteWinner, Decide(live, null).Kind);
    }
}
