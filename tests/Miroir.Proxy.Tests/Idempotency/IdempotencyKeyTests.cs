using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Miroir.Proxy.Tests.Cluster;
using Miroir.Proxy.Tests.Health;

namespace Miroir.Proxy.Tests.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on the write routes of a real in-process cluster (spec §13.10): a retried write runs once
/// (one Miroir task, one task per node), also across an orchestrator restart; a reused key is refused.
/// </summary>
public sealed class IdempotencyKeyTests
{
    private const string Docs = """[{"id":1,"title":"Dune"},{"id":2,"title":"Emma"}]""";

    [Fact]
    public async Task AddDocuments_SameKeyAndBodyTwice_SameTaskAndOneTaskPerNode()
    {
        await using var cluster = await StartAsync();

        var first = await SendAsync(cluster, HttpMethod.Post, "/indexes/books/documents", Docs, "key-1");
        var second = await SendAsync(cluster, HttpMethod.Post, "/indexes/books/documents", Docs, "key-1");

        Assert.Equal((202, 202), (first.Status, second.Status));
        Assert.Equal(first.Body, second.Body);
        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        await cluster.WaitForSuccessAsync(TaskUid(first.Body));
        Assert.Equal(1, await OrchestratorTaskCountAsync(cluster, "documentAdditionOrUpdate"));
        foreach (var node in cluster.Nodes)
        {
            Assert.Equal(1, await NodeTaskCountAsync(node!.Url, "documentAdditionOrUpdate"));
        }
    }

    [Fact]
    public async Task AddDocuments_SameKeyAfterRestart_SameAnswerAndNoSecondWrite()
    {
        await using var cluster = await StartAsync();
        var first = await SendAsync(cluster, HttpMethod.Post, "/indexes/books/documents", Docs, "restart-key");
        await cluster.WaitForSuccessAsync(TaskUid(first.Body));

        await cluster.RestartProxyAsync();
        var retried = await SendAsync(cluster, HttpMethod.Post, "/indexes/books/documents", Docs, "restart-key");

        Assert.Equal((202, first.Body), (retried.Status, retried.Body));
        Assert.True(retried.Replayed);
        Assert.Equal(1, await OrchestratorTaskCountAsync(cluster, "documentAdditionOrUpdate"));
        Assert.Equal(1, await NodeTaskCountAsync(cluster.Nodes[0]!.Url, "documentAdditionOrUpdate"));
    }

    [Fact]
    public async Task AddDocuments_SameKeyOtherBody_409InMeilisearchShape()
    {
        await using var cluster = await StartAsync();
        await SendAsync(cluster, HttpMethod.Post, "/indexes/books/documents", Docs, "reused");

        var other = await SendAsync(cluster, HttpMethod.Post, "/indexes/books/documents", """[{"id":3,"title":"Ulysses"}]""", "reused");
        var otherPath = await SendAsync(cluster, HttpMethod.Put, "/indexes/books/documents", Docs, "reused");

        Assert.Equal((409, 409), (other.Status, otherPath.Status));
        using var error = JsonDocument.Parse(other.Body);
        Assert.Equal("miroir_idempotency_key_reused", error.RootElement.GetProperty("code").GetString());
        Assert.Equal("invalid_request", error.RootElement.GetProperty("type").GetString());
        Assert.Equal("https://docs.meilisearch.com/errors#miroir_idempotency_key_reused", error.RootElement.GetProperty("link").GetString());
        Assert.Contains("`reused`", error.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await OrchestratorTaskCountAsync(cluster, "documentAdditionOrUpdate"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("tab\there")]
    public async Task Write_InvalidKey_400(string key)
    {
        await using var cluster = await StartAsync();

        var answer = await SendAsync(cluster, HttpMethod.Post, "/indexes/books/documents", Docs, key);

        Assert.Equal(400, answer.Status);
        Assert.Equal("miroir_invalid_idempotency_key", JsonDocument.Parse(answer.Body).RootElement.GetProperty("code").GetString());
        Assert.Equal(0, await OrchestratorTaskCountAsync(cluster, "documentAdditionOrUpdate"));
    }

    [Fact]
    public async Task Write_KeyOver256Bytes_400AndKeyOf256Accepted()
    {
        await using var cluster = await StartAsync();

        var tooLong = await SendAsync(cluster, HttpMethod.Post, "/indexes/books/documents", Docs, new string('k', 257));
        var longest = await SendAsync(cluster, HttpMethod.Post, "/indexes/books/documents", Docs, new string('k', 256));

        Assert.Equal((400, 202), (tooLong.Status, longest.Status));
    }

    [Fact]
    public async Task AddDocuments_ConcurrentSameKey_OneRuns()
    {
        await using var cluster = await StartAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            SendAsync(cluster, HttpMethod.Post, "/indexes/books/documents", Docs, "concurrent")));

        Assert.All(answers, a => Assert.Equal((202, answers[0].Body), (a.Status, a.Body)));
        Assert.Equal(7, answers.Count(a => a.Replayed));
        Assert.Equal(1, await NodeTaskCountAsync(cluster.Nodes[1]!.Url, "documentAdditionOrUpdate"));
    }

    [Fact]
    public async Task Write_FailedRequest_FreesItsKey()
    {
        await using var cluster = await StartAsync();

        var refused = await SendAsync(cluster, HttpMethod.Post, "/indexes/books/documents", "{not json", "freed");
        var retried = await SendAsync(cluster, HttpMethod.Post, "/indexes/books/documents", Docs, "freed");

        Assert.Equal(400, refused.Status);
        Assert.Equal(202, retried.Status);
        Assert.False(retried.Replayed);
    }

    [Theory]
    [InlineData("POST", "/indexes", """{"uid":"movies","primaryKey":"id"}""", "indexCreation")]
    [InlineData("PATCH", "/indexes/books/settings", """{"filterableAttributes":["title"]}""", "settingsUpdate")]
    [InlineData("PUT", "/indexes/books/settings/searchable-attributes", """["title"]""", "settingsUpdate")]
    [InlineData("PATCH", "/indexes/books", """{"primaryKey":"id"}""", "indexUpdate")]
    [InlineData("POST", "/indexes/books/documents/delete-batch", "[1]", "documentDeletion")]
    [InlineData("POST", "/indexes/books/documents/delete", """{"filter":"id = 1"}""", "documentDeletion")]
    [InlineData("DELETE", "/indexes/books/documents/1", null, "documentDeletion")]
    [InlineData("DELETE", "/indexes/books/documents", null, "documentDeletion")]
    [InlineData("POST", "/swap-indexes", """[{"indexes":["books","other"]}]""", "indexSwap")]
    [InlineData("DELETE", "/indexes/books", null, "indexDeletion")]
    public async Task WriteRoute_SameKeyTwice_OneTask(string method, string path, string? body, string type)
    {
        await using var cluster = await StartAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(
            await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"other","primaryKey":"id"}""")));
        var before = await OrchestratorTaskCountAsync(cluster, type);

        var first = await SendAsync(cluster, new HttpMethod(method), path, body, "route-key");
        var second = await SendAsync(cluster, new HttpMethod(method), path, body, "route-key");

        Assert.Equal((202, first.Body), (second.Status, second.Body));
        Assert.True(second.Replayed);
        await cluster.WaitForTaskAsync(TaskUid(first.Body));
        Assert.Equal(before + 1, await OrchestratorTaskCountAsync(cluster, type));
    }

    [Fact]
    public async Task CreateApiKey_SameKeyTwice_OneApiKeyAnd201Replayed()
    {
        await using var cluster = await StartAsync(c => c with { MasterKey = "idempotency-master-key-0123456789" });
        var (_, before, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/keys");
        const string Body = """{"actions":["search"],"indexes":["books"],"expiresAt":null}""";

        var first = await SendAsync(cluster, HttpMethod.Post, "/keys", Body, "api-key");
        var second = await SendAsync(cluster, HttpMethod.Post, "/keys", Body, "api-key");
        var (_, after, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/keys");

        Assert.Equal((201, 201, first.Body), (first.Status, second.Status, second.Body));
        Assert.Equal(before.GetProperty("total").GetInt32() + 1, after.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Search_WithKey_NotRecorded()
    {
        await using var cluster = await StartAsync();

        var first = await SendAsync(cluster, HttpMethod.Post, "/indexes/books/search", """{"q":"dune"}""", "read-key");
        var second = await SendAsync(cluster, HttpMethod.Post, "/indexes/books/search", """{"q":"emma"}""", "read-key");

        Assert.Equal((200, 200), (first.Status, second.Status));
        Assert.False(second.Replayed);
    }

    [Fact]
    public async Task Metrics_HitsAndCacheSize_Exported()
    {
        await using var cluster = await StartAsync();
        await SendAsync(cluster, HttpMethod.Post, "/indexes/books/documents", Docs, "m");
        await SendAsync(cluster, HttpMethod.Post, "/indexes/books/documents", Docs, "m");
        await SendAsync(cluster, HttpMethod.Post, "/indexes/books/documents", "[]", "m");

        var metrics = await AdminClient.MetricsAsync(cluster);

        Assert.Equal(1, AdminClient.Sample(metrics, "miroir_idempotency_hits_total{outcome=\"miss\"}"));
        Assert.Equal(1, AdminClient.Sample(metrics, "miroir_idempotency_hits_total{outcome=\"dedup\"}"));
        Assert.Equal(1, AdminClient.Sample(metrics, "miroir_idempotency_hits_total{outcome=\"conflict\"}"));
        Assert.Equal(1, AdminClient.Sample(metrics, "miroir_idempotency_cache_size"));
    }

    [Fact]
    public async Task Disabled_SameKeyTwice_RunsTwice()
    {
        await using var cluster = await StartAsync(c => c with { Idempotency = c.Idempotency with { Enabled = false } });

        var first = await SendAsync(cluster, HttpMethod.Post, "/indexes/books/documents", Docs, "off");
        var second = await SendAsync(cluster, HttpMethod.Post, "/indexes/books/documents", Docs, "off");

        Assert.NotEqual(TaskUid(first.Body), TaskUid(second.Body));
    }

    private static async Task<MiroirClusterFixture> StartAsync(Func<Core.Configuration.MiroirConfig, Core.Configuration.MiroirConfig>? configure = null)
    {
        var cluster = await MiroirClusterFixture.StartAsync(nodes: 2, replicationFactor: 2, shards: 4, configure: configure);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(
            await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"books","primaryKey":"id"}""")));
        return cluster;
    }

    private static async Task<(int Status, string Body, bool Replayed)> SendAsync(MiroirClusterFixture cluster, HttpMethod method, string path, string? body, string key)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        using var response = await cluster.Client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Contains("Idempotent-Replayed"));
    }

    private static long TaskUid(string body) => JsonDocument.Parse(body).RootElement.GetProperty("taskUid").GetInt64();

    private static async Task<int> OrchestratorTaskCountAsync(MiroirClusterFixture cluster, string type)
    {
        var (_, body, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/tasks?types=" + type);
        return body.GetProperty("total").GetInt32();
    }

    private static async Task<int> NodeTaskCountAsync(string nodeUrl, string type)
    {
        using var client = new HttpClient { BaseAddress = new Uri(nodeUrl) };
        using var body = JsonDocument.Parse(await client.GetStringAsync("/tasks?types=" + type));
        return body.RootElement.GetProperty("total").GetInt32();
    }
}
