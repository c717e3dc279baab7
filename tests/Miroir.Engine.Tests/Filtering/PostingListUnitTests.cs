using Miroir.Engine.Indexing;

using PostingList = Miroir.Engine.Filtering.PostingList;

namespace Miroir.Engine.Tests.Filtering;

public sealed class PostingListUnitTests
{
    [Theory]
    [InlineData(50, 100)]
    [InlineData(5000, 6000)]
    [InlineData(20000, 3000)]
    public void Operations_RandomAddRemove_MatchHashSetModel(int range, int operations)
    {
        var rng = new Random(range);
        var list = new PostingList();
        var model = new SortedSet<int>();
        for (var i = 0; i < operations; i++)
        {
            var id = rng.Next(range);
            if (rng.Next(4) == 0)
            {
                list.Remove(id);
                model.Remove(id);
            }
            else
            {
                list.Add(id);
                model.Add(id);
            }
        }
        Assert.Equal(model.Count, list.Count);
        var enumerated = new List<int>();
        foreach (var id in list)
        {
            enumerated.Add(id);
        }
        Assert.Equal(model, enumerated);

        var candidates = new DocSet();
        for (var i = 0; i < range; i += 3)
        {
            candidates.Add(i);
        }
        Assert.Equal(model.Count(i => i % 3 == 0), list.CountIn(candidates));
        Assert.Equal(model.Where(i => i % 3 == 0), FilterCorpus.ToArray(list.Intersect(candidates)));
        var union = new DocSet();
        union.Add(range + 5);
        list.UnionInto(union);
        Assert.Equal(model.Append(range + 5), FilterCorpus.ToArray(union));
        Assert.All(model, id => Assert.True(list.Contains(id)));
        Assert.False(list.Contains(range + 1));
    }
}
