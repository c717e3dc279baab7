using Miroir.Engine.Indexing;

namespace Miroir.Engine.Tests;

public sealed class DocSetUnitTests
{
    [Fact]
    public void Algebra_MixedSets_MatchesHashSetModel()
    {
        var rng = new Random(42);
        for (var round = 0; round < 50; round++)
        {
            var a = new DocSet();
            var b = new DocSet();
            var ma = new HashSet<int>();
            var mb = new HashSet<int>();
            for (var i = 0; i < 300; i++)
            {
                var x = rng.Next(2000);
                a.Add(x);
                ma.Add(x);
                var y = rng.Next(3000);
                b.Add(y);
                mb.Add(y);
            }

            var and = a.Clone();
            and.IntersectWith(b);
            var or = a.Clone();
            or.UnionWith(b);
            var not = a.Clone();
            not.ExceptWith(b);

            Assert.Equal(ma.Intersect(mb).Order(), Enumerate(and));
            Assert.Equal(ma.Union(mb).Order(), Enumerate(or));
            Assert.Equal(ma.Except(mb).Order(), Enumerate(not));
            Assert.Equal(ma.Count, a.Count());
        }
    }

    [Fact]
    public void Remove_OutOfRange_IsNoOp()
    {
        var set = new DocSet(10);
        set.Add(3);
        set.Remove(100_000);
        Assert.True(set.Contains(3));
        Assert.False(set.Contains(100_000));
    }

    private static List<int> Enumerate(DocSet set)
    {
        var list = new List<int>();
        foreach (var id in set)
        {
            list.Add(id);
        }
        return list;
    }
}
