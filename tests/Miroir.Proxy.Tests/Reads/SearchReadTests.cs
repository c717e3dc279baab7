using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>The sharded search path answers like one node holding everything (hits, totals, facets, paging).</summary>
public sealed class SearchReadTests(ShardedCorpusFixture fixture) : IClassFixture<ShardedCorpusFixture>
{
    private readonly ShardedCluster _cluster = fixture.Cluster;

    public static TheoryData<string> Queries => new()
    {
        """{"q":"python"}""",
        """{"q":"lib","limit":50}""",
        """{"q":"game","offset":5,"limit":10}""",
        """{"q":"","limit":30,"filter":"section = games"}""",
        """{"q":"data","filter":["priority = optional",["section = libs","section = devel"]],"facets":["section","priority"]}""",
        """{"q":"","facets":["section","priority"],"limit":0}""",
        """{"q":"lib","page":2,"hitsPerPage":15}""",
        """{"q":"tool","filter":"installed_size_kb > 1000 AND priority = optional","limit":40}""",
        """{"q":"pyton"}""",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Search_QuerySet_SameHitsTotalsAndFacetsAsOneNode(string query)
    {
        var body = JsonNode.Parse(query)!.AsObject();
        body["showRankingScore"] = true;
        var (response, sharded) = await ReadJson.PostAsync(_cluster.Proxy, "/indexes/packages/search", body.ToJsonString());
        var (_, reference) = await ReadJson.PostAsync(_cluster.Reference, "/indexes/packages/search", body.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.OK, sharded.ValueKind == JsonValueKind.Undefined ? response.ToString() : sharded.GetRawText());
        Assert.False(response.Headers.Contains("X-Miroir-Degraded"));

        if (body["limit"]?.GetValue<int>() != 0)
        {
            Assert.NotEmpty(ReadJson.Ids(reference));
        }

        var total = body.ContainsKey("page") ? "totalHits" : "estimatedTotalHits";
        Assert.Equal(reference.GetProperty(total).GetInt64(), sharded.GetProperty(total).GetInt64());
        await AssertSameRankingAsync(body, reference, sharded);
        if (reference.TryGetProperty("facetDistribution", out var facets))
        {
            Assert.Equal(Canonical(facets), Canonical(sharded.GetProperty("facetDistribution")));
        }

        Assert.DoesNotContain("_miroir", sharded.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/indexes/packages/search?q=lib&page=0")]
    [InlineData("/indexes/packages/search?q=lib&page=0&hitsPerPage=7")]
    public async Task Search_PageZero_NoHitsAndSamePagingAsOneNode(string path)
    {
        var (response, sharded) = await ReadJson.GetAsync(_cluster.Proxy, path);
        var (_, reference) = await ReadJson.GetAsync(_cluster.Reference, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var name in new[] { "hits", "query", "hitsPerPage", "page", "totalPages", "totalHits" })
        {
            Assert.Equal(reference.GetProperty(name).GetRawText(), sharded.GetProperty(name).GetRawText());
        }

        Assert.Equal(0, sharded.GetProperty("hits").GetArrayLength());
        Assert.Equal(0, sharded.GetProperty("page").GetInt32());
    }

    [Fact]
    public async Task Search_ScoresNotAsked_StrippedFromHits()
    {
        var (_, body) = await ReadJson.PostAsync(_cluster.Proxy, "/indexes/packages/search", """{"q":"lib","limit":5}""");
        Assert.Equal(5, body.GetProperty("hits").GetArrayLength());
        Assert.DoesNotContain("_rankingScore", body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(5, body.GetProperty("limit").GetInt32());
        Assert.Equal(0, body.GetProperty("offset").GetInt32());
    }

    [Fact]
    public async Task Search_GetForm_SameAsPost()
    {
        var (_, post) = await ReadJson.PostAsync(_cluster.Proxy, "/indexes/packages/search", """{"q":"lib","limit":1000,"filter":"section = libs"}""");
        var (response, get) = await ReadJson.GetAsync(_cluster.Proxy, "/indexes/packages/search?q=lib&limit=1000&filter=section%20%3D%20libs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(post.GetProperty("estimatedTotalHits").GetInt64(), get.GetProperty("estimatedTotalHits").GetInt64());
        Assert.NotEmpty(ReadJson.Ids(get));
        Assert.Equal(ReadJson.Ids(post).Order(), ReadJson.Ids(get).Order());
    }

    [Fact]
    public async Task Search_UniqueNames_EachFoundExactlyOnce()
    {
        var names = _cluster.Documents.GroupBy(d => (string)d["name"]!).Where(g => g.Count() == 1).Select(g => g.Single()).Take(40);
        foreach (var doc in names)
        {
            var filter = JsonSerializer.Serialize($"installed_size_kb = {(long?)doc["installed_size_kb"] ?? 0}");
            var (_, reference) = await ReadJson.PostAsync(_cluster.Reference, "/indexes/packages/search", $$"""{"q":{{JsonSerializer.Serialize((string)doc["name"]!)}},"limit":100,"filter":{{filter}}}""");
            var (_, sharded) = await ReadJson.PostAsync(_cluster.Proxy, "/indexes/packages/search", $$"""{"q":{{JsonSerializer.Serialize((string)doc["name"]!)}},"limit":100,"filter":{{filter}}}""");
            var ids = ReadJson.Ids(sharded);
            Assert.Single(ids, id => id == doc["id"]!.ToJsonString());
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(reference.GetProperty("estimatedTotalHits").GetInt64(), sharded.GetProperty("estimatedTotalHits").GetInt64());
        }
    }

    [Fact]
    public async Task Search_Pages_ConcatenateWithoutGapsOrDuplicates()
    {
        var (_, all) = await ReadJson.PostAsync(_cluster.Reference, "/indexes/packages/search", """{"q":"python","limit":1000}""");
        var expected = ReadJson.Ids(all);
        Assert.InRange(expected.Count, 20, 999);
        var seen = new List<string>();
        for (var page = 1; seen.Count < expected.Count; page++)
        {
            var (_, body) = await ReadJson.PostAsync(_cluster.Proxy, "/indexes/packages/search", $$"""{"q":"python","page":{{page}},"hitsPerPage":7}""");
            var ids = ReadJson.Ids(body);
            Assert.NotEmpty(ids);
            Assert.Equal(expected.Count, body.GetProperty("totalHits").GetInt32());
            seen.AddRange(ids);
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected.Order(), seen.Order());
    }

    [Fact]
    public async Task Search_BadFilter_NodeErrorPassedThroughWithoutReservedField()
    {
        var (response, body) = await ReadJson.PostAsync(_cluster.Proxy, "/indexes/packages/search", """{"q":"lib","filter":"section ~~ libs"}""");
        var (referenceResponse, reference) = await ReadJson.PostAsync(_cluster.Reference, "/indexes/packages/search", """{"q":"lib","filter":"section ~~ libs"}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(referenceResponse.StatusCode, response.StatusCode);
        Assert.Equal(reference.GetRawText(), body.GetRawText());
        Assert.DoesNotContain("_miroir", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_BadLimitType_NodeValidationErrorRelayed()
    {
        var (response, body) = await ReadJson.PostAsync(_cluster.Proxy, "/indexes/packages/search", """{"q":"lib","limit":"ten"}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_search_limit", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Search_UnknownIndex_IndexNotFound()
    {
        var (response, body) = await ReadJson.PostAsync(_cluster.Proxy, "/indexes/nope/search", """{"q":"lib"}""");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("index_not_found", body.GetProperty("code").GetString());
    }

    private async Task AssertSameRankingAsync(JsonObject body, JsonElement reference, JsonElement sharded)
    {
        // Same score at every position; each returned id really has that score (ties may reorder inside a run).
        var referenceScores = reference.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("_rankingScore").GetDouble()).ToList();
        var shardedHits = sharded.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(referenceScores, shardedHits.Select(h => h.GetProperty("_rankingScore").GetDouble()).ToList());
        var full = (JsonObject)body.DeepClone();
        full.Remove("page");
        full.Remove("hitsPerPage");
        full["offset"] = 0;
        full["limit"] = 5000;
        full.Remove("facets");
        var (_, all) = await ReadJson.PostAsync(_cluster.Reference, "/indexes/packages/search", full.ToJsonString());
        var scoreOf = all.GetProperty("hits").EnumerateArray().ToDictionary(h => h.GetProperty("id").GetRawText(), h => h.GetProperty("_rankingScore").GetDouble());
        foreach (var hit in shardedHits)
        {
            Assert.Equal(scoreOf[hit.GetProperty("id").GetRawText()], hit.GetProperty("_rankingScore").GetDouble());
        }

        var groups = ReadJson.ScoreGroups(sharded);
        var expected = ReadJson.ScoreGroups(reference);
        Assert.Equal(expected.Count, groups.Count);
        for (var g = 0; g < groups.Count - 1; g++)
        {
            Assert.Equal(expected[g].Ids.Order(), groups[g].Ids.Order());
        }

        var ids = shardedHits.Select(h => h.GetProperty("id").GetRawText()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private static string Canonical(JsonElement facets) => string.Join(';', facets.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
        .Select(p => p.Name + "=" + string.Join(',', p.Value.EnumerateObject().OrderBy(v => v.Name, StringComparer.Ordinal).Select(v => v.Name + ":" + v.Value.GetRawText()))));
}
