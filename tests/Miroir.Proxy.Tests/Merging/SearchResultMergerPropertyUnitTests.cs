using CsCheck;
using Miroir.Proxy.Merging;
using static Miroir.Proxy.Tests.Merging.MergeTestData;

namespace Miroir.Proxy.Tests.Merging;

public sealed class SearchResultMergerPropertyUnitTests
{
    // Scores from a small set so that ties across nodes are common.
    private static readonly Gen<double[][]> NodeScores =
        Gen.Int[0, 8].Select(i => i / 8.0).Array[0, 25].Select(a => a.OrderByDescending(x => x).ToArray()).Array[1, 5];

    [Fact]
    public void Merge_SortedNodePages_EqualsSortingTheUnion()
    {
        Gen.Select(NodeScores, Gen.Int[0, 30], Gen.Int[0, 30]).Sample((nodes, offset, limit) =>
        {
            var responses = nodes.Select((scores, n) => Response(scores.Select((s, p) => ScoredHit($"n{n}p{p}", s)), scores.Length)).ToList();
            var expected = nodes.SelectMany((scores, n) => scores.Select((s, p) => (Id: $"n{n}p{p}", Score: s, Node: n, Pos: p)))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Node).ThenBy(x => x.Pos)
                .Skip(offset).Take(limit).Select(x => x.Id).ToList();

            var merged = Merge(responses, new SearchMergeRequest { Paging = SearchPaging.OffsetLimit(offset, limit) });

            Assert.Equal(expected, Ids(merged));
            Assert.Equal(nodes.Sum(s => s.Length), merged.GetProperty("estimatedTotalHits").GetInt64());
        }, iter: 300);
    }

    [Fact]
    public void Merge_PagingThroughAllResults_NoGapsNoDuplicates()
    {
        Gen.Select(NodeScores, Gen.Int[1, 7]).Sample((nodes, pageSize) =>
        {
            var responses = nodes.Select((scores, n) => Response(scores.Select((s, p) => ScoredHit($"n{n}p{p}", s)), scores.Length)).ToList();
            var all = Ids(Merge(responses, new SearchMergeRequest { Paging = SearchPaging.OffsetLimit(0, 1000) }));
            var paged = new List<string>();
            for (var offset = 0; offset < all.Count + pageSize; offset += pageSize)
            {
                paged.AddRange(Ids(Merge(responses, new SearchMergeRequest { Paging = SearchPaging.OffsetLimit(offset, pageSize) })));
            }

            Assert.Equal(all, paged);
            Assert.Equal(all.Count, all.Distinct().Count());
            Assert.Equal(nodes.Sum(s => s.Length), all.Count);
        }, iter: 100);
    }
}
