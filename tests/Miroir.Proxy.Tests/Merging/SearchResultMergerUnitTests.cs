using System.Globalization;
using System.Text.Json;
using Miroir.Proxy.Merging;
using static Miroir.Proxy.Tests.Merging.MergeTestData;

namespace Miroir.Proxy.Tests.Merging;

public sealed class SearchResultMergerUnitTests
{
    private const string RichHit =
        "{\"id\":\"d1\",\"title\":\"caf\\u00e9 \\\"x\\\"\",\"_miroir_shard\":4,\"_miroir_updated_at\":17,"
        + "\"_formatted\":{\"id\":\"d1\",\"title\":\"<em>caf\u00e9</em>\",\"_miroir_shard\":\"4\",\"_miroir_updated_at\":\"17\"},"
        + "\"_matchesPosition\":{\"title\":[{\"start\":0,\"length\":4}],\"_miroir_shard\":[{\"start\":0,\"length\":1}]},"
        + "\"_rankingScore\":0.75,\"_rankingScoreDetails\":{\"words\":{\"order\":0,\"score\":0.75}}}";

    [Fact]
    public void Merge_DefaultRequest_StripsScoresAndReservedFieldsEverywhere()
    {
        var raw = RawMerge([Response([RichHit], 1)], new SearchMergeRequest());
        var hit = JsonDocument.Parse(raw).RootElement.GetProperty("hits")[0];

        Assert.Equal(["id", "title", "_formatted", "_matchesPosition"], hit.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["id", "title"], hit.GetProperty("_formatted").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["title"], hit.GetProperty("_matchesPosition").EnumerateObject().Select(p => p.Name));
        Assert.Contains("\"title\":\"caf\\u00e9 \\\"x\\\"\"", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("_miroir_", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_ScoresRequested_KeepsThemButStillStripsReserved()
    {
        var hit = Merge([Response([RichHit], 1)], new SearchMergeRequest { ShowRankingScore = true, ShowRankingScoreDetails = true }).GetProperty("hits")[0];

        Assert.Equal(0.75, hit.GetProperty("_rankingScore").GetDouble());
        Assert.Equal(0.75, hit.GetProperty("_rankingScoreDetails").GetProperty("words").GetProperty("score").GetDouble());
        Assert.False(hit.TryGetProperty("_miroir_shard", out _));
    }

    [Fact]
    public void Merge_OnlyScoreRequested_DropsDetails()
    {
        var hit = Merge([Response([RichHit], 1)], new SearchMergeRequest { ShowRankingScore = true }).GetProperty("hits")[0];

        Assert.True(hit.TryGetProperty("_rankingScore", out _));
        Assert.False(hit.TryGetProperty("_rankingScoreDetails", out _));
    }

    [Fact]
    public void Merge_OffsetLimit_ResponseShapeLikeMeilisearch()
    {
        var merged = Merge(
            [Response([ScoredHit("a", 0.9), ScoredHit("b", 0.2)], 40), Response([ScoredHit("c", 0.5)], 2)],
            new SearchMergeRequest { Query = "caf\u00e9", ProcessingTimeMs = 12, Paging = SearchPaging.OffsetLimit(1, 5) });

        Assert.Equal(["hits", "query", "processingTimeMs", "limit", "offset", "estimatedTotalHits"], merged.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["c", "b"], Ids(merged));
        Assert.Equal("caf\u00e9", merged.GetProperty("query").GetString());
        Assert.Equal(12, merged.GetProperty("processingTimeMs").GetInt64());
        Assert.Equal(5, merged.GetProperty("limit").GetInt32());
        Assert.Equal(1, merged.GetProperty("offset").GetInt32());
        Assert.Equal(42, merged.GetProperty("estimatedTotalHits").GetInt64());
    }

    [Theory]
    [InlineData(1, 3, 10, 4, new[] { "h0", "h1", "h2" })]
    [InlineData(2, 3, 10, 4, new[] { "h3", "h4", "h5" })]
    [InlineData(4, 3, 10, 4, new[] { "h9" })]
    [InlineData(5, 3, 10, 4, new string[0])]
    [InlineData(0, 3, 10, 4, new string[0])]
    [InlineData(1, 0, 10, 0, new string[0])]
    [InlineData(1, 5, 10, 2, new[] { "h0", "h1", "h2", "h3", "h4" })]
    public void Merge_PageAndHitsPerPage_RecomputesTotals(int page, int hitsPerPage, int total, long totalPages, string[] ids)
    {
        var hits = Enumerable.Range(0, total).Select(i => ScoredHit("h" + i, 1.0 - (i / 100.0))).ToList();
        var responses = new[] { Response(hits.Where((_, i) => i % 2 == 0), 5, paged: true), Response(hits.Where((_, i) => i % 2 == 1), 5, paged: true) };

        var merged = Merge(responses, new SearchMergeRequest { Paging = SearchPaging.Pages(page, hitsPerPage) });

        Assert.Equal(["hits", "query", "processingTimeMs", "hitsPerPage", "page", "totalPages", "totalHits"], merged.EnumerateObject().Select(p => p.Name));
        Assert.Equal(ids, Ids(merged));
        Assert.Equal(total, merged.GetProperty("totalHits").GetInt64());
        Assert.Equal(totalPages, merged.GetProperty("totalPages").GetInt64());
        Assert.Equal(page, merged.GetProperty("page").GetInt32());
    }

    [Fact]
    public void SearchPaging_NodeLimit_CoversClientWindow()
    {
        Assert.Equal(30, SearchPaging.OffsetLimit(10, 20).NodeLimit);
        Assert.Equal(60, SearchPaging.Pages(3, 20).NodeLimit);
        Assert.Equal(0, SearchPaging.Pages(0, 20).NodeLimit);
    }

    [Fact]
    public void SearchPaging_FromClient_PageModeWhenPageOrHitsPerPageGiven()
    {
        Assert.Equal(SearchPaging.OffsetLimit(0, 20), SearchPaging.FromClient(null, null, null, null));
        Assert.Equal(SearchPaging.OffsetLimit(5, 7), SearchPaging.FromClient(5, 7, null, null));
        Assert.Equal(SearchPaging.Pages(1, 5), SearchPaging.FromClient(3, 9, null, 5));
        Assert.Equal(SearchPaging.Pages(2, 20), SearchPaging.FromClient(null, null, 2, null));
    }

    [Fact]
    public void Merge_NoNodes_EmptyResult()
    {
        var merged = Merge([], new SearchMergeRequest());

        Assert.Empty(Ids(merged));
        Assert.Equal(0, merged.GetProperty("estimatedTotalHits").GetInt64());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"hits\":{}}")]
    [InlineData("{\"hits\":[1]}")]
    [InlineData("{\"hits\":[{\"id\":1}")]
    public void Merge_MalformedNodeBody_Throws(string body) =>
        Assert.ThrowsAny<JsonException>(() => Merge([Response([ScoredHit("a", 1)], 1), body], new SearchMergeRequest()));

    [Fact]
    public void Merge_HybridNodes_CountsThePageVectorHitsByWeightedScore()
    {
        static string Hit(string id, double score, bool semantic) =>
            $"{{\"id\":\"{id}\",\"_rankingScore\":{score.ToString("R", CultureInfo.InvariantCulture)},\"_rankingScoreDetails\":"
            + (semantic ? "{\"vectorSort\":{\"order\":0,\"similarity\":0.5}}}" : "{\"words\":{\"order\":0,\"matchingWords\":1,\"maxMatchingWords\":1,\"score\":1.0}}}");

        // Ratio 0.8: the vector hit b (0.6 × 0.8 = 0.48) goes before the keyword hit a (0.9 × 0.2 = 0.18); c is off the page.
        var nodes = new[]
        {
            Response([Hit("b", 0.6, semantic: true), Hit("a", 0.9, semantic: false)], 2, "\"semanticHitCount\":1"),
            Response([Hit("c", 0.1, semantic: true)], 1, "\"semanticHitCount\":1"),
        };
        var merged = Merge(nodes, new SearchMergeRequest { CountSemanticHits = true, SemanticRatio = 0.8, Paging = SearchPaging.OffsetLimit(0, 2) });

        Assert.Equal(["\"b\"", "\"a\""], merged.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetRawText()));
        Assert.Equal(1, merged.GetProperty("semanticHitCount").GetInt64());
        Assert.False(merged.GetProperty("hits")[0].TryGetProperty("_rankingScoreDetails", out _));
        Assert.False(Merge([Response([], 3)], new SearchMergeRequest()).TryGetProperty("semanticHitCount", out _));
    }
}
