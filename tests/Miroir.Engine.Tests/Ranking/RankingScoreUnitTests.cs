using System.Text.Json;
using Miroir.Engine.Ranking;
using Miroir.Engine.Search;

namespace Miroir.Engine.Tests.Ranking;

public sealed class RankingScoreUnitTests
{
    private static SearchHit Hit(SearchResult result, string id) => result.Hits.Single(h => h.ExternalId == id);

    [Fact]
    public void Merge_FoldsLexicographically()
    {
        Assert.Equal(new Rank(3, 6), Rank.Merge(new Rank(2, 3), new Rank(1, 2)));
        Assert.Equal(0.5, Rank.GlobalScore([new Rank(1, 2), new Rank(3, 3)]));
        Assert.Equal(1.0, Rank.GlobalScore([]));
    }

    [Fact]
    public void Score_OneWordExactVersusOneTypo_MatchesHandComputedRanks()
    {
        using var index = TestIndex.Create(null, """{"id":1,"title":"hello"}""", """{"id":2,"title":"hallo"}""");
        var result = index.Search(new SearchRequest { Q = "hello", ShowRankingScore = true });
        Assert.Equal(["1", "2"], TestIndex.Ids(result));
        Assert.Equal(1.0, Hit(result, "1").Score);
        // words 1/1, typo 1/2, proximity 1/1, fid 1/1, position 11/11, exact attribute 1/3, exact words 1/2.
        Assert.Equal(61.0 / 132, Hit(result, "2").Score, 12);
        Assert.Equal(
            [new Rank(1, 1), new Rank(1, 2), new Rank(1, 1), new Rank(1, 1), new Rank(11, 11), new Rank(1, 3), new Rank(1, 2)],
            Hit(result, "2").Details.Select(d => d.Rank));
    }

    [Fact]
    public void Score_PrefixMatch_IsNotExact()
    {
        using var index = TestIndex.Create(null, """{"id":1,"title":"hello"}""");
        var hit = index.Search(new SearchRequest { Q = "hel" }).Hits.Single();
        Assert.Equal(61.0 / 66, hit.Score, 12);
    }

    [Fact]
    public void Score_TwoWords_ProximityPositionAndExactness()
    {
        using var index = TestIndex.Create(null, """{"id":1,"t":"hello world"}""", """{"id":2,"t":"hello big world"}""");
        var result = index.Search(new SearchRequest { Q = "hello world" });
        Assert.Equal(["1", "2"], TestIndex.Ids(result));
        Assert.Equal(1.0, Hit(result, "1").Score);
        // words 2/2, typo 3/3, proximity 7/8, fid 1/1, position 20/21, exact attribute 1/3, exact words 3/3.
        Assert.Equal(8868.0 / 9072, Hit(result, "2").Score, 12);
    }

    [Fact]
    public void Score_MatchingStrategyLast_DropsWordsFromTheEnd()
    {
        using var index = TestIndex.Create(null, """{"id":1,"t":"red car"}""", """{"id":2,"t":"red bike"}""", """{"id":3,"t":"blue car"}""");
        var result = index.Search(new SearchRequest { Q = "red car" });
        Assert.Equal(["1", "2"], TestIndex.Ids(result));
        Assert.Equal(new Rank(1, 2), Hit(result, "2").Details[0].Rank);
        Assert.True(Hit(result, "2").Score < 0.5);
    }

    [Fact]
    public void Details_Json_HasMeilisearchShape()
    {
        using var index = TestIndex.Create(null, """{"id":1,"title":"hallo"}""");
        var response = TestIndex.Response(index.Search(new SearchRequest { Q = "hello", ShowRankingScoreDetails = true, ShowRankingScore = true }));
        var hit = response.GetProperty("hits")[0];
        var details = hit.GetProperty("_rankingScoreDetails");
        Assert.Equal(["words", "typo", "proximity", "attribute", "exactness"], details.EnumerateObject().Select(p => p.Name));
        var typo = details.GetProperty("typo");
        Assert.Equal(1, typo.GetProperty("order").GetInt32());
        Assert.Equal(1, typo.GetProperty("typoCount").GetInt32());
        Assert.Equal(1, typo.GetProperty("maxTypoCount").GetInt32());
        Assert.Equal(0.5, typo.GetProperty("score").GetDouble());
        var attribute = details.GetProperty("attribute");
        Assert.Equal(1.0, attribute.GetProperty("attributeRankingOrderScore").GetDouble());
        Assert.Equal(1.0, attribute.GetProperty("queryWordDistanceScore").GetDouble());
        var exactness = details.GetProperty("exactness");
        Assert.Equal(4, exactness.GetProperty("order").GetInt32());
        Assert.Equal("noExactMatch", exactness.GetProperty("matchType").GetString());
        Assert.Equal(0, exactness.GetProperty("matchingWords").GetInt32());
        Assert.Equal(1, exactness.GetProperty("maxMatchingWords").GetInt32());
        Assert.Equal(1.0 / 6, exactness.GetProperty("score").GetDouble(), 12);
        Assert.Equal(61.0 / 132, hit.GetProperty("_rankingScore").GetDouble(), 12);
    }

    [Fact]
    public void Score_DoesNotDependOnOtherDocuments()
    {
        const string doc = """{"id":1,"title":"quick brown fox","body":"jumps over the lazy dog"}""";
        using var alone = TestIndex.Create(null, doc);
        using var crowded = TestIndex.Create(null, doc, """{"id":2,"title":"quick quick fox"}""", """{"id":3,"title":"brown brow fix"}""");
        foreach (var q in new[] { "quick fox", "browm", "lazy dog jumps", "fo" })
        {
            var a = alone.Search(new SearchRequest { Q = q }).Hits.Single(h => h.ExternalId == "1").Score;
            var b = crowded.Search(new SearchRequest { Q = q }).Hits.Single(h => h.ExternalId == "1").Score;
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void Score_SearchableAttributesOrder_RanksEarlierAttributeFirst()
    {
        var settings = Miroir.Engine.Settings.IndexSettings.Default with { SearchableAttributes = ["title", "body"] };
        using var index = TestIndex.Create(settings, """{"id":1,"title":"other","body":"apple"}""", """{"id":2,"title":"apple","body":"other"}""");
        var result = index.Search(new SearchRequest { Q = "apple" });
        Assert.Equal(["2", "1"], TestIndex.Ids(result));
        // Fid: weight 1 of max 1 for one word -> rank 1/2.
        Assert.Equal(new Rank(1, 2), Hit(result, "1").Details[3].Rank);
    }

    [Fact]
    public void Details_ExactMatch_WritesMatchType()
    {
        using var index = TestIndex.Create(null, """{"id":1,"title":"hello"}""");
        var response = TestIndex.Response(index.Search(new SearchRequest { Q = "hello", ShowRankingScoreDetails = true }));
        var exactness = response.GetProperty("hits")[0].GetProperty("_rankingScoreDetails").GetProperty("exactness");
        Assert.Equal("exactMatch", exactness.GetProperty("matchType").GetString());
        Assert.Equal(1.0, exactness.GetProperty("score").GetDouble());
        Assert.False(exactness.TryGetProperty("matchingWords", out _));
        Assert.Equal(JsonValueKind.Undefined, response.GetProperty("hits")[0].TryGetProperty("_rankingScore", out var s) ? s.ValueKind : JsonValueKind.Undefined);
    }
}
