using System.Net;
using System.Text.Json;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>Documents by id and listings, stats and facet search over the sharded corpus (RF 2, so every node holds replicas).</summary>
public sealed class DocumentReadTests(ShardedCorpusFixture fixture) : IClassFixture<ShardedCorpusFixture>
{
    private readonly ShardedCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task GetDocument_EveryId_FoundWithoutReservedFields()
    {
        foreach (var doc in _cluster.Documents)
        {
            var (response, body) = await ReadJson.GetAsync(_cluster.Proxy, $"/indexes/packages/documents/{doc["id"]}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(doc.ToJsonString(), JsonSerializer.Serialize(body));
        }
    }

    [Fact]
    public async Task GetDocument_FieldsParam_PassedThrough()
    {
        var (_, body) = await ReadJson.GetAsync(_cluster.Proxy, $"/indexes/packages/documents/{_cluster.Documents[7]["id"]}?fields=name");
        Assert.Equal(["name"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task GetDocument_UnknownId_NodeNotFoundPassedThrough()
    {
        var (response, body) = await ReadJson.GetAsync(_cluster.Proxy, "/indexes/packages/documents/999999999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("document_not_found", body.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/indexes/packages/documents?foo=1")]
    [InlineData("/indexes/packages/documents?limit=5&offest=1")]
    [InlineData("/indexes/packages/documents/1?foo=1")]
    [InlineData("/indexes/missing/documents?foo=1")]
    public async Task Read_UnknownQueryParameter_SameBadRequestAsOneNode(string path)
    {
        var (response, sharded) = await ReadJson.GetAsync(_cluster.Proxy, path);
        var (reference, single) = await ReadJson.GetAsync(_cluster.Reference, path);
        Assert.Equal(HttpStatusCode.BadRequest, reference.StatusCode);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, sharded.GetRawText());
        Assert.Equal(single.GetRawText(), sharded.GetRawText());
        Assert.StartsWith("Unknown parameter `", sharded.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListDocuments_Pages_ConcatenateToEveryDocumentOnce()
    {
        var seen = new List<string>();
        for (var offset = 0; offset < _cluster.Documents.Count + 250; offset += 250)
        {
            var (response, body) = await ReadJson.GetAsync(_cluster.Proxy, $"/indexes/packages/documents?offset={offset}&limit=250");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(_cluster.Documents.Count, body.GetProperty("total").GetInt32());
            Assert.Equal(offset, body.GetProperty("offset").GetInt32());
            Assert.DoesNotContain("_miroir", body.GetRawText(), StringComparison.Ordinal);
            seen.AddRange(ReadJson.Ids(body, "results"));
        }

        Assert.Equal(_cluster.Documents.Count, seen.Count);
        Assert.Equal(_cluster.Documents.Select(d => d["id"]!.ToJsonString()).Order(), seen.Order());
    }

    [Fact]
    public async Task FetchDocuments_FilterAndFields_SameSetAndTotalAsOneNode()
    {
        const string Query = """{"filter":["section = libs","installed_size_kb > 500"],"fields":["id","name"],"limit":1000}""";
        var (response, sharded) = await ReadJson.PostAsync(_cluster.Proxy, "/indexes/packages/documents/fetch", Query);
        var (_, reference) = await ReadJson.PostAsync(_cluster.Reference, "/indexes/packages/documents/fetch", Query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(reference.GetProperty("total").GetInt32(), sharded.GetProperty("total").GetInt32());
        Assert.Equal(ReadJson.Ids(reference, "results").Order(), ReadJson.Ids(sharded, "results").Order());
        Assert.All(sharded.GetProperty("results").EnumerateArray(), d => Assert.Equal(2, d.EnumerateObject().Count()));
    }

    [Fact]
    public async Task FetchDocuments_BadFilter_ErrorWithoutReservedField()
    {
        var (response, body) = await ReadJson.PostAsync(_cluster.Proxy, "/indexes/packages/documents/fetch", """{"filter":"section ~ libs"}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("_miroir", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexStats_ReplicatedCorpus_EveryDocumentCountedOnce()
    {
        var (response, body) = await ReadJson.GetAsync(_cluster.Proxy, "/indexes/packages/stats");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_cluster.Documents.Count, body.GetProperty("numberOfDocuments").GetInt32());
        var fields = body.GetProperty("fieldDistribution");
        Assert.False(fields.TryGetProperty("_miroir_shard", out _));
        Assert.Equal(_cluster.Documents.Count, fields.GetProperty("name").GetInt32());
        Assert.Equal(_cluster.Documents.Count, fields.GetProperty("id").GetInt32());
        Assert.False(body.GetProperty("isIndexing").GetBoolean());
    }

    [Fact]
    public async Task GlobalStats_SumsNodeSizesAndListsIndex()
    {
        var (_, body) = await ReadJson.GetAsync(_cluster.Proxy, "/stats");
        long size = 0;
        var lastUpdates = new List<string>();
        foreach (var node in _cluster.Nodes)
        {
            using var client = new HttpClient { BaseAddress = new Uri(node.Url) };
            var (_, stats) = await ReadJson.GetAsync(client, "/stats");
            size += stats.GetProperty("databaseSize").GetInt64();
            lastUpdates.Add(stats.GetProperty("lastUpdate").GetString()!);
        }

        Assert.True(size > 0);
        Assert.Equal(size, body.GetProperty("databaseSize").GetInt64());
        Assert.Equal(lastUpdates.Max(u => DateTimeOffset.Parse(u, System.Globalization.CultureInfo.InvariantCulture)),
            DateTimeOffset.Parse(body.GetProperty("lastUpdate").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(_cluster.Documents.Count, body.GetProperty("indexes").GetProperty("packages").GetProperty("numberOfDocuments").GetInt32());
    }

    [Fact]
    public async Task FacetSearch_CountsSummedAcrossShards_SameAsOneNode()
    {
        const string Query = """{"facetName":"section","facetQuery":"s","filter":"priority = optional"}""";
        var (response, sharded) = await ReadJson.PostAsync(_cluster.Proxy, "/indexes/packages/facet-search", Query);
        var (_, reference) = await ReadJson.PostAsync(_cluster.Reference, "/indexes/packages/facet-search", Query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(sharded.GetProperty("facetHits").EnumerateArray());
        Assert.Equal(reference.GetProperty("facetHits").GetRawText(), sharded.GetProperty("facetHits").GetRawText());
    }

    [Fact]
    public async Task MultiSearch_Plain_ResultsInOrderLikeSingleSearches()
    {
        var (response, body) = await ReadJson.PostAsync(_cluster.Proxy, "/multi-search",
            """{"queries":[{"indexUid":"packages","q":"python","limit":1000},{"indexUid":"packages","q":"","filter":"section = games","limit":0}]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal("packages", r.GetProperty("indexUid").GetString()));
        var (_, python) = await ReadJson.PostAsync(_cluster.Reference, "/indexes/packages/search", """{"q":"python","limit":1000}""");
        Assert.Equal(ReadJson.Ids(python).Order(), ReadJson.Ids(results[0]).Order());
        var (_, games) = await ReadJson.PostAsync(_cluster.Reference, "/indexes/packages/search", """{"q":"","filter":"section = games","limit":0}""");
        Assert.Equal(games.GetProperty("estimatedTotalHits").GetInt32(), results[1].GetProperty("estimatedTotalHits").GetInt32());
    }

    [Fact]
    public async Task MultiSearch_UnknownIndex_ErrorNamesTheQuery()
    {
        var (response, body) = await ReadJson.PostAsync(_cluster.Proxy, "/multi-search", """{"queries":[{"indexUid":"packages","q":"a"},{"indexUid":"nope","q":"b"}]}""");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("Inside `.queries[1]`", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MultiSearch_Federated_HitsOrderedByWeightedScoreWithFederationInfo()
    {
        var (response, body) = await ReadJson.PostAsync(_cluster.Proxy, "/multi-search",
            """{"federation":{"limit":30},"queries":[{"indexUid":"packages","q":"python"},{"indexUid":"packages","q":"game","federationOptions":{"weight":2.0}}]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hits = body.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(30, hits.Count);
        var weighted = hits.Select(h => h.GetProperty("_federation").GetProperty("weightedRankingScore").GetDouble()).ToList();
        Assert.Equal(weighted.OrderDescending(), weighted);
        Assert.Contains(hits, h => h.GetProperty("_federation").GetProperty("queriesPosition").GetInt32() == 1);
        Assert.All(hits, h => Assert.False(h.TryGetProperty("_rankingScore", out _)));
        Assert.True(body.GetProperty("estimatedTotalHits").GetInt32() >= 30);
    }
}
