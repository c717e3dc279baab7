using System.Text;
using System.Text.Json;
using Miroir.Engine.Node;
using Miroir.Proxy.Tests.Cluster;
using Miroir.Tests.Shared;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>Real engine nodes, RF 2: the orchestrator's search equals one engine node holding the whole corpus.</summary>
public sealed class EngineEquivalenceTests
{
    private const string Settings = """{"filterableAttributes":["section","priority","installed_size_kb"],"sortableAttributes":["installed_size_kb"]}""";

    [Theory]
    [InlineData("""{"q":"python library","limit":40,"showRankingScore":true}""")]
    [InlineData("""{"q":"gnome","filter":"section = gnome OR priority = optional","facets":["section","priority"],"limit":30,"showRankingScore":true}""")]
    [InlineData("""{"q":"pyhton","limit":20,"showRankingScore":true}""")]
    [InlineData("""{"q":"","filter":["priority = optional","installed_size_kb > 1000"],"facets":["section"],"page":2,"hitsPerPage":25,"showRankingScore":true}""")]
    [InlineData("""{"q":"lib","sort":["installed_size_kb:desc"],"limit":30,"offset":5,"showRankingScore":true}""")]
    public async Task Search_EngineNodesRf2_SameTotalsFacetsAndScoresAsOneNode(string query)
    {
        var directory = Path.Combine(Path.GetTempPath(), "miroir-ref-" + Guid.NewGuid().ToString("N"));
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2, shards: 12);
        await using var reference = await NodeServer.StartAsync(new NodeOptions { Port = 0, DataDirectory = directory });
        using var single = new HttpClient { BaseAddress = new Uri(reference.Url) };
        try
        {
            var docs = Corpus(1500);
            var created = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"pkgs","primaryKey":"id"}""");
            await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(created));
            await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Patch, "/indexes/pkgs/settings", Settings)));
            await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/pkgs/documents", docs)));
            await single.PostAsync("/indexes", new StringContent("""{"uid":"pkgs","primaryKey":"id"}""", Encoding.UTF8, "application/json"));
            await single.PatchAsync("/indexes/pkgs/settings", new StringContent(Settings, Encoding.UTF8, "application/json"));
            await single.PostAsync("/indexes/pkgs/documents", new StringContent(docs, Encoding.UTF8, "application/json"));
            await reference.WaitForIdleAsync(TimeSpan.FromSeconds(60));

            var (status, sharded, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/pkgs/search", query);
            var (_, expected) = await ReadJson.PostAsync(single, "/indexes/pkgs/search", query);
            Assert.True(status == 200, sharded.GetRawText());
            Assert.NotEmpty(ReadJson.Ids(expected));
            var total = query.Contains("\"page\"", StringComparison.Ordinal) ? "totalHits" : "estimatedTotalHits";
            Assert.Equal(expected.GetProperty(total).GetInt64(), sharded.GetProperty(total).GetInt64());
            Assert.Equal(Scores(expected), Scores(sharded));
            var ids = ReadJson.Ids(sharded);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            var groups = ReadJson.ScoreGroups(sharded);
            var want = ReadJson.ScoreGroups(expected);
            for (var g = 0; g < groups.Count - 1; g++)
            {
                Assert.Equal(want[g].Ids.Order(), groups[g].Ids.Order());
            }

            if (expected.TryGetProperty("facetDistribution", out var facets))
            {
                Assert.Equal(facets.GetRawText(), sharded.GetProperty("facetDistribution").GetRawText());
            }

            Assert.DoesNotContain("_miroir", sharded.GetRawText(), StringComparison.Ordinal);
        }
        finally
        {
            await reference.StopAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task StatsListingAndFacetSearch_EngineNodesRf2_EveryDocumentCountedOnce()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2, shards: 12);
        var created = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"pkgs","primaryKey":"id"}""");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(created));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Patch, "/indexes/pkgs/settings", Settings)));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/pkgs/documents", Corpus(600))));

        var (status, stats, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/pkgs/stats");
        Assert.Equal(200, status);
        Assert.Equal(600, stats.GetProperty("numberOfDocuments").GetInt32());
        Assert.Equal(600, stats.GetProperty("fieldDistribution").GetProperty("name").GetInt32());
        Assert.False(stats.GetProperty("fieldDistribution").TryGetProperty("_miroir_shard", out _));

        var (_, list, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/pkgs/documents/fetch", """{"limit":1000,"filter":"priority = optional"}""");
        var (_, search, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/pkgs/search", """{"q":"","limit":0,"filter":"priority = optional","facets":["section"]}""");
        var optional = search.GetProperty("estimatedTotalHits").GetInt32();
        Assert.InRange(optional, 1, 599);
        Assert.Equal(optional, list.GetProperty("total").GetInt32());
        Assert.Equal(optional, ReadJson.Ids(list, "results").Distinct().Count());

        var (_, facetHits, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/pkgs/facet-search", """{"facetName":"section","filter":"priority = optional"}""");
        var distribution = search.GetProperty("facetDistribution").GetProperty("section");
        Assert.NotEmpty(facetHits.GetProperty("facetHits").EnumerateArray());
        foreach (var hit in facetHits.GetProperty("facetHits").EnumerateArray())
        {
            Assert.Equal(distribution.GetProperty(hit.GetProperty("value").GetString()!).GetInt32(), hit.GetProperty("count").GetInt32());
        }
    }

    private static List<double> Scores(JsonElement body) =>
        [.. body.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("_rankingScore").GetDouble())];

    // Every 4th package of the checked-in Debian sample (1,500 of them span the whole sample).
    private static string Corpus(int count) => "[" + string.Join(',', TestData.DebianLines(count, stride: 4)) + "]";
}
