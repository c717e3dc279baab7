using System.Text;
using Miroir.Core.Routing;

namespace Miroir.Core.Tests.Routing;

public sealed class RendezvousUnitTests
{
    [Fact]
    public void Score_HandBuiltBytes_MatchesReference()
    {
        // u32le(258) = 02 01 00 00, then "node-a", then 0xFF.
        byte[] bytes = [0x02, 0x01, 0x00, 0x00, .. Encoding.UTF8.GetBytes("node-a"), 0xFF];
        Assert.Equal(ReferenceXxHash64.Hash(bytes), Rendezvous.Score(258, "node-a"));
    }

    [Fact]
    public void Score_UnicodeAndLongIds_MatchReference()
    {
        foreach (var id in new[] { "nœud-é", new string('n', 300) })
        {
            byte[] bytes = [0x07, 0, 0, 0, .. Encoding.UTF8.GetBytes(id), 0xFF];
            Assert.Equal(ReferenceXxHash64.Hash(bytes), Rendezvous.Score(7, id));
        }
    }

    [Fact]
    public void Assign_ReturnsHighestScoresFirst()
    {
        string[] ids = ["a", "b", "c", "d", "e"];
        for (var shard = 0; shard < 32; shard++)
        {
            var expected = ids.OrderByDescending(id => Rendezvous.Score(shard, id)).Take(3).ToArray();
            Assert.Equal(expected, Rendezvous.Assign(shard, ids, 3));
        }
    }

    [Fact]
    public void Assign_RfLargerThanGroup_ReturnsWholeGroup() =>
        Assert.Equal(2, Rendezvous.Assign(0, ["a", "b"], 3).Length);

    [Fact]
    public void Assign_RfZero_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Rendezvous.Assign(0, ["a"], 0));

    [Fact]
    public void Compare_EqualScores_SmallerOrdinalIdFirst()
    {
        Assert.True(Rendezvous.Compare(5, "a", 5, "b") < 0);
        Assert.True(Rendezvous.Compare(5, "B", 5, "a") < 0); // ordinal: 'B' (0x42) < 'a' (0x61)
        Assert.True(Rendezvous.Compare(9, "z", 5, "a") < 0);
    }
}
