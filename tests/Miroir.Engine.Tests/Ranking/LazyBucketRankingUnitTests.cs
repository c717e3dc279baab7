using System.Text;
using Miroir.Engine.Indexing;
using Miroir.Engine.Search;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Tests.Ranking;

/// <summary>
/// Bucket ranking only refines the buckets that overlap offset + limit. A score threshold of
/// 0 keeps every hit but makes the engine rank every candidate on every rule, so the same
/// request with and without it must give the same page, order, scores and score details.
/// </summary>
public sealed class LazyBucketRankingUnitTests
{
    private static readonly string[] HighFrequencyQueries = ["a", "lib", "library for", "the system", "for the", "data", "tool for a"];

    private static readonly Lazy<EngineIndex> Index = new(() => Load(IndexSettings.Default with
    {
        SearchableAttributes = ["name", "summary", "description", "tags"],
        SortableAttributes = ["name", "installed_size_kb"],
        FilterableAttributes = ["section"],
    }));

    private static EngineIndex Load(IndexSettings settings)
    {
        var index = new EngineIndex("debian", "id", settings);
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "debian-sample.ndjson"))
            .Where(l => l.Length > 0)
            .Select(l => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(l))
            .ToList();
        index.AddDocuments(lines, updateExisting: false);
        return index;
    }

    /// <summary>Hit positions where the score changes: the borders between the final buckets.</summary>
    private static List<int> BucketBorders(EngineIndex index, SearchRequest request)
    {
        var all = index.Search(request with { Offset = 0, Limit = 1000, RankingScoreThreshold = 0.0 }).Hits;
        var borders = new List<int>();
        for (var i = 1; i < all.Count && borders.Count < 6; i++)
        {
            if (all[i].Score != all[i - 1].Score || !all[i].Details.SequenceEqual(all[i - 1].Details))
            {
                borders.Add(i);
            }
        }
        return borders;
    }

    private static void AssertSameAsFullRanking(EngineIndex index, SearchRequest request)
    {
        var lazy = index.Search(request);
        var full = index.Search(request with { RankingScoreThreshold = 0.0 });
        Assert.Equal(full.TotalHits, lazy.TotalHits);
        Assert.Equal(full.Candidates.Count(), lazy.Candidates.Count());
        Assert.Equal(full.Hits.Select(h => h.DocId), lazy.Hits.Select(h => h.DocId));
        Assert.Equal(full.Hits.Select(h => h.Score), lazy.Hits.Select(h => h.Score));
        for (var i = 0; i < full.Hits.Count; i++)
        {
            Assert.Equal(full.Hits[i].Details, lazy.Hits[i].Details);
        }
    }

    private static IEnumerable<(int Offset, int Limit)> WindowsAround(List<int> borders)
    {
        yield return (0, 1);
        yield return (0, 20);
        yield return (0, 0);
        foreach (var b in borders)
        {
            yield return (b - 1, 1);
            yield return (b - 1, 2);
            yield return (b, 1);
            yield return (Math.Max(0, b - 3), 5);
            yield return (0, b);
            yield return (0, b + 1);
        }
    }

    [Theory]
    [InlineData(MatchingStrategy.Last)]
    [InlineData(MatchingStrategy.All)]
    [InlineData(MatchingStrategy.Frequency)]
    public void Search_HighFrequencyWindowsAtBucketBorders_EqualFullRanking(MatchingStrategy strategy)
    {
        foreach (var q in HighFrequencyQueries)
        {
            var request = new SearchRequest { Q = q, MatchingStrategy = strategy };
            var borders = BucketBorders(Index.Value, request);
            Assert.NotEmpty(borders);
            foreach (var (offset, limit) in WindowsAround(borders))
            {
                AssertSameAsFullRanking(Index.Value, request with { Offset = offset, Limit = limit });
            }
        }
    }

    [Theory]
    [InlineData("name:asc")]
    [InlineData("installed_size_kb:desc")]
    public void Search_SortWithScoreDetails_EqualFullRanking(string sort)
    {
        foreach (var q in HighFrequencyQueries)
        {
            var request = new SearchRequest { Q = q, Sort = [sort], ShowRankingScoreDetails = true };
            foreach (var (offset, limit) in WindowsAround(BucketBorders(Index.Value, request)))
            {
                AssertSameAsFullRanking(Index.Value, request with { Offset = offset, Limit = limit });
            }
        }
    }

    [Fact]
    public void Search_SortBeforeRelevancyRules_EqualFullRanking()
    {
        var index = Load(IndexSettings.Default with
        {
            SearchableAttributes = ["name", "summary", "description"],
            SortableAttributes = ["installed_size_kb"],
            RankingRules = ["sort", "words", "exactness", "attribute", "proximity", "typo"],
        });
        foreach (var q in HighFrequencyQueries)
        {
            var request = new SearchRequest { Q = q, Sort = ["installed_size_kb:asc"] };
            foreach (var (offset, limit) in WindowsAround(BucketBorders(index, request)))
            {
                AssertSameAsFullRanking(index, request with { Offset = offset, Limit = limit });
            }
        }
    }

    [Fact]
    public void Search_WordsNotFirstRule_StillOrdersLikeFullRanking()
    {
        // Typo before words: buckets mix documents that kept different terms, so the engine
        // must rank everything; the result must not depend on the window either way.
        var index = Load(IndexSettings.Default with { RankingRules = ["typo", "words", "proximity", "attribute", "exactness"] });
        var request = new SearchRequest { Q = "library for the system" };
        var all = index.Search(request with { Limit = 1000 }).Hits;
        foreach (var (offset, limit) in WindowsAround(BucketBorders(index, request)))
        {
            var page = index.Search(request with { Offset = offset, Limit = limit }).Hits;
            Assert.Equal(all.Skip(offset).Take(limit).Select(h => h.DocId), page.Select(h => h.DocId));
            AssertSameAsFullRanking(index, request with { Offset = offset, Limit = limit });
        }
    }

    [Fact]
    public void Search_FacetsAndTotals_CountEveryCandidate()
    {
        var request = new SearchRequest { Q = "library for", Limit = 1, Facets = ["section"] };
        var page = Index.Value.Search(request);
        var everything = Index.Value.Search(request with { Limit = 1000 });
        Assert.Single(page.Hits);
        Assert.Equal(everything.Hits.Count, page.TotalHits);
        Assert.Equal(everything.Candidates.Count(), page.Candidates.Count());
        Assert.Equal(everything.FacetJson!.Value.ToArray(), page.FacetJson!.Value.ToArray());
    }

    [Fact]
    public void Search_OffsetPastEveryHit_ReturnsNoHitsButTheTotal()
    {
        var request = new SearchRequest { Q = "library", Offset = 5000, Limit = 20 };
        var result = Index.Value.Search(request);
        Assert.Empty(result.Hits);
        Assert.Equal(Index.Value.Search(request with { Offset = 0, Limit = 1000 }).Hits.Count, result.TotalHits);
    }
}
