using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Indexes;

/// <summary>Indexes created or given their primary key by a document write, read back from any node.</summary>
public sealed class ImplicitIndexTests
{
    [Fact]
    public async Task GetIndex_PrimaryKeySetByOneDocumentOnAnotherNode_ReportsItEverywhere()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 1);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"p\"}")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/p/documents?primaryKey=unique", "[{\"unique\":\"u1\",\"id\":7}]")));

        await AssertPrimaryKeyAsync(cluster, "p", "unique");
    }

    [Fact]
    public async Task GetIndex_PrimaryKeyInferredFromOneDocumentPerBatch_ReportsItEverywhere()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 1);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"p\"}")));
        for (var i = 0; i < 3; i++)
        {
            await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/p/documents", $"[{{\"bookId\":{i}}}]")));
        }

        await AssertPrimaryKeyAsync(cluster, "p", "bookId");
    }

    [Fact]
    public async Task GetIndex_PrimaryKeyKnown_SurvivesRestart()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 1);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"p\"}")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/p/documents?primaryKey=unique", "[{\"unique\":\"u1\"}]")));
        await cluster.RestartProxyAsync();

        await AssertPrimaryKeyAsync(cluster, "p", "unique");
    }

    [Fact]
    public async Task AddDocuments_TwoFirstBatchesAtOnce_OnlyTheTwoAdditionTasks()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        var first = cluster.SendJsonAsync(HttpMethod.Post, "/indexes/race/documents", "[{\"id\":1}]");
        var second = cluster.SendJsonAsync(HttpMethod.Post, "/indexes/race/documents", "[{\"id\":2}]");
        var uids = new[] { MiroirClusterFixture.TaskUidOf(await first), MiroirClusterFixture.TaskUidOf(await second) };
        foreach (var uid in uids)
        {
            await cluster.WaitForSuccessAsync(uid);
        }

        var (_, tasks, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/tasks");
        var all = tasks.GetProperty("results").EnumerateArray().Select(t => (t.GetProperty("type").GetString(), t.GetProperty("status").GetString())).ToArray();
        Assert.Equal([("documentAdditionOrUpdate", "succeeded"), ("documentAdditionOrUpdate", "succeeded")], all);
        Assert.Equal(2, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/race/stats")).Body.GetProperty("numberOfDocuments").GetInt32());
        await AssertPrimaryKeyAsync(cluster, "race", "id");
    }

    [Fact]
    public async Task AddDocuments_FirstBatchCreatesTheIndex_NoIndexCreationTask()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 2, replicationFactor: 1);
        var uid = MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/fresh/documents", "[{\"id\":1,\"title\":\"Dune\"}]"));
        var task = await cluster.WaitForSuccessAsync(uid);

        Assert.Equal(1, task.GetProperty("details").GetProperty("indexedDocuments").GetInt32());
        Assert.False(task.GetProperty("details").TryGetProperty("primaryKey", out _), task.ToString());
        Assert.Equal(1, (await cluster.SendJsonAsync(HttpMethod.Get, "/tasks")).Body.GetProperty("total").GetInt32());
        Assert.Equal(200, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/fresh/documents/1")).Status);
    }

    /// <summary>The orchestrator and every node report the primary key.</summary>
    private static async Task AssertPrimaryKeyAsync(MiroirClusterFixture cluster, string index, string primaryKey)
    {
        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Get, $"/indexes/{index}");
        Assert.Equal(200, status);
        Assert.Equal(primaryKey, body.GetProperty("primaryKey").GetString());
        var (_, list, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes");
        Assert.Equal(primaryKey, list.GetProperty("results").EnumerateArray().Single(i => i.GetProperty("uid").GetString() == index).GetProperty("primaryKey").GetString());
        foreach (var node in cluster.Nodes)
        {
            using var direct = new HttpClient { BaseAddress = new Uri(node!.Url) };
            var text = await direct.GetStringAsync(new Uri($"/indexes/{index}", UriKind.Relative));
            using var document = System.Text.Json.JsonDocument.Parse(text);
            Assert.Equal(primaryKey, document.RootElement.GetProperty("primaryKey").GetString());
        }
    }
}
