using System.Text;
using Miroir.Engine.Node;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>
/// <c>faceting.sortFacetValuesBy</c> and <c>pagination.maxTotalHits</c> set through the orchestrator shape merged
/// reads exactly as they shape one engine node's answers (facet order, total-hits caps, pages), and survive a restart.
/// </summary>
public sealed class IndexSettingsEquivalenceTests
{
    private const string Settings = """{"filterableAttributes":["genre","year"],"faceting":{"sortFacetValuesBy":{"*":"alpha","genre":"count"}},"pagination":{"maxTotalHits":50}}""";

    private static readonly string[] Queries =
    [
        """{"q":"","facets":["genre","year"],"limit":5}""",
        """{"q":"item","facets":["genre"],"filter":"year > 2002","limit":10}""",
        """{"q":"","page":2,"hitsPerPage":20,"facets":["year","genre"]}""",
        """{"q":"","offset":45,"limit":10}""",
    ];

    [Fact]
    public async Task FacetOrderAndMaxTotalHits_SameAsOneNode_AndDurable()
    {
        var directory = Path.Combine(Path.GetTempPath(), "miroir-ref-" + Guid.NewGuid().ToString("N"));
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2, shards: 12);
        await using var reference = await NodeServer.StartAsync(new NodeOptions { Port = 0, DataDirectory = directory });
        using var single = new HttpClient { BaseAddress = new Uri(reference.Url) };
        try
        {
            var docs = Corpus(300);
            await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"items","primaryKey":"id"}""")));
            await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Patch, "/indexes/items/settings", Settings)));
            await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/items/documents", docs)));
            await single.PostAsync("/indexes", Json("""{"uid":"items","primaryKey":"id"}"""));
            await single.PatchAsync("/indexes/items/settings", Json(Settings));
            await single.PostAsync("/indexes/items/documents", Json(docs));
            await reference.WaitForIdleAsync(TimeSpan.FromSeconds(60));

            await AssertSameAsync(cluster, single);
            await AssertSameFacetSearchAsync(cluster, single);

            await cluster.RestartProxyAsync();
            await AssertSameAsync(cluster, single);

            // Back to the defaults (alphabetical, 1000) through a reset of each setting.
            await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Delete, "/indexes/items/settings/faceting")));
            await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Delete, "/indexes/items/settings/pagination")));
            await single.DeleteAsync("/indexes/items/settings/faceting");
            await single.DeleteAsync("/indexes/items/settings/pagination");
            await reference.WaitForIdleAsync(TimeSpan.FromSeconds(60));
            await AssertSameAsync(cluster, single);
        }
        finally
        {
            await reference.StopAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task AssertSameAsync(MiroirClusterFixture cluster, HttpClient single)
    {
        foreach (var query in Queries)
        {
            var (status, merged, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/items/search", query);
            var (_, expected) = await ReadJson.PostAsync(single, "/indexes/items/search", query);
            Assert.True(status == 200, merged.GetRawText());
            foreach (var total in new[] { "estimatedTotalHits", "totalHits", "totalPages" })
            {
                if (expected.TryGetProperty(total, out var want))
                {
                    Assert.Equal(want.GetInt64(), merged.GetProperty(total).GetInt64());
                }
            }

            Assert.Equal(expected.GetProperty("hits").GetArrayLength(), merged.GetProperty("hits").GetArrayLength());
            if (expected.TryGetProperty("facetDistribution", out var facets))
            {
                // Raw text: the order of the values is part of the answer.
                Assert.Equal(facets.GetRawText(), merged.GetProperty("facetDistribution").GetRawText());
            }
        }
    }

    private static async Task AssertSameFacetSearchAsync(MiroirClusterFixture cluster, HttpClient single)
    {
        const string query = """{"facetName":"genre","facetQuery":""}""";
        var (status, merged, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/items/facet-search", query);
        var (_, expected) = await ReadJson.PostAsync(single, "/indexes/items/facet-search", query);
        Assert.True(status == 200, merged.GetRawText());
        Assert.Equal(expected.GetProperty("facetHits").GetRawText(), merged.GetProperty("facetHits").GetRawText());
    }

    /// <summary>Genres skewed so that count order (zeta, mid, alpha) is the reverse of alphabetical order.</summary>
    private static string Corpus(int count)
    {
        var json = new StringBuilder("[");
        for (var i = 1; i <= count; i++)
        {
            var genre = (i % 10) switch { < 6 => "zeta", < 9 => "mid", _ => "alpha" };
            json.Append(i == 1 ? "" : ",").Append($$"""{"id":{{i}},"title":"item {{i}}","genre":"{{genre}}","year":{{2000 + (i % 7)}}}""");
        }

        return json.Append(']').ToString();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
