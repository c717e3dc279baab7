using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Rebalancing;

/// <summary>Shared steps of the topology tests: a corpus, its observable state through the orchestrator, and waiting for a rebalance.</summary>
internal static class RebalanceKit
{
    private static readonly string[] Genres = ["drama", "comedy", "horror", "western", "noir"];

    public static string Documents(int count, int start = 1)
    {
        var json = new StringBuilder("[");
        for (var i = start; i < start + count; i++)
        {
            json.Append(i == start ? "" : ",")
                .Append("{\"id\":").Append(i)
                .Append(",\"title\":\"Movie ").Append(i).Append(' ').Append(Genres[i % Genres.Length])
                .Append("\",\"genre\":\"").Append(Genres[i % Genres.Length]).Append("\"}");
        }

        return json.Append(']').ToString();
    }

    /// <summary>Creates <c>movies</c> (sortable id, filterable genre) and loads <paramref name="count"/> documents.</summary>
    public static async Task LoadAsync(MiroirClusterFixture cluster, int count, string uid = "movies")
    {
        var created = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", $"{{\"uid\":\"{uid}\",\"primaryKey\":\"id\"}}");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(created));
        var settings = await cluster.SendJsonAsync(HttpMethod.Patch, $"/indexes/{uid}/settings", """{"sortableAttributes":["id"],"filterableAttributes":["genre"]}""");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(settings));
        const int Batch = 1000;
        for (var start = 1; start <= count; start += Batch)
        {
            var added = await cluster.SendJsonAsync(HttpMethod.Post, $"/indexes/{uid}/documents", Documents(Math.Min(Batch, count - start + 1), start));
            await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(added));
        }
    }

    /// <summary>What a client sees: the document count, a sorted page of ids, a text search and a facet distribution.</summary>
    public static async Task<string> ObserveAsync(MiroirClusterFixture cluster, string uid = "movies")
    {
        var (status, stats, _) = await cluster.SendJsonAsync(HttpMethod.Get, $"/indexes/{uid}/stats");
        Assert.True(status == 200, $"stats answered {status}: {stats}");
        var sorted = await SearchAsync(cluster, uid, """{"q":"","sort":["id:desc"],"limit":30,"attributesToRetrieve":["id"]}""");
        var text = await SearchAsync(cluster, uid, """{"q":"movie 17","filter":"genre = comedy","limit":1000,"attributesToRetrieve":["id"]}""");
        var facets = await SearchAsync(cluster, uid, """{"q":"","limit":0,"facets":["genre"]}""");
        return $"count={stats.GetProperty("numberOfDocuments").GetInt64()}\nsorted={Ids(sorted)}\ntext={SortedIds(text)} total={text.GetProperty("estimatedTotalHits")}\nfacets={facets.GetProperty("facetDistribution")}";
    }

    public static async Task<long> CountAsync(MiroirClusterFixture cluster, string uid = "movies")
    {
        var (_, stats, _) = await cluster.SendJsonAsync(HttpMethod.Get, $"/indexes/{uid}/stats");
        return stats.GetProperty("numberOfDocuments").GetInt64();
    }

    public static async Task<JsonElement> StatusAsync(MiroirClusterFixture cluster)
    {
        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/_miroir/rebalance/status");
        Assert.Equal(200, status);
        return body;
    }

    /// <summary>Polls the status until the rebalance is done (or paused, which fails unless <paramref name="allowPause"/>).</summary>
    public static async Task<JsonElement> WaitAsync(MiroirClusterFixture cluster, bool allowPause = false, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (true)
        {
            var status = await StatusAsync(cluster);
            var phase = status.GetProperty("phase").GetString();
            if (phase == "done" || (phase == "paused" && allowPause))
            {
                return status;
            }

            Assert.True(phase != "paused", $"the rebalance paused: {status}");
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"rebalance still {phase}: {status}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Documents of <paramref name="uid"/> a node holds itself (asked directly, not through the orchestrator).</summary>
    public static async Task<long> NodeCountAsync(string nodeUrl, string uid = "movies")
    {
        using var http = new HttpClient { BaseAddress = new Uri(nodeUrl) };
        using var content = new StringContent("""{"limit":1}""", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync($"/indexes/{uid}/documents/fetch", content);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return 0;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("total").GetInt64();
    }

    /// <summary>Waits until every node's task queue is idle (deletes after a switch are asynchronous on the nodes).</summary>
    public static async Task WaitIdleAsync(IEnumerable<string> nodeUrls)
    {
        foreach (var url in nodeUrls)
        {
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (true)
            {
                using var json = JsonDocument.Parse(await http.GetStringAsync("/tasks?statuses=enqueued,processing&limit=1"));
                if (json.RootElement.GetProperty("results").GetArrayLength() == 0 || DateTime.UtcNow > deadline)
                {
                    break;
                }

                await Task.Delay(20);
            }
        }
    }

    private static async Task<JsonElement> SearchAsync(MiroirClusterFixture cluster, string uid, string body)
    {
        var (status, json, _) = await cluster.SendJsonAsync(HttpMethod.Post, $"/indexes/{uid}/search", body);
        Assert.True(status == 200, $"search answered {status}: {json}");
        return json;
    }

    // Hits with equal relevance come back in each node's internal order, which a move may change: compare them as a set.
    private static string SortedIds(JsonElement result) =>
        string.Join(',', result.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetInt64()).Order());

    private static string Ids(JsonElement result) =>
        string.Join(',', result.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetRawText()));
}
