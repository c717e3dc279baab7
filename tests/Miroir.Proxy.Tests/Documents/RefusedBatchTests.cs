using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Documents;

/// <summary>Batches Meilisearch accepts and then fails: the orchestrator answers 202 with a failed task and writes nothing.</summary>
public sealed class RefusedBatchTests
{
    [Fact]
    public async Task AddDocuments_NoPrimaryKeyCandidate_FailedTaskAndNoIndex()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        var uid = MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/books/documents", "[{\"title\":\"Dune\"},{\"title\":\"Emma\"}]"));
        var task = await cluster.WaitForTaskAsync(uid);

        Assert.Equal("failed", task.GetProperty("status").GetString());
        Assert.Equal("documentAdditionOrUpdate", task.GetProperty("type").GetString());
        Assert.Equal("books", task.GetProperty("indexUid").GetString());
        var error = task.GetProperty("error");
        Assert.Equal("index_primary_key_no_candidate_found", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request", error.GetProperty("type").GetString());
        Assert.Equal(
            "The primary key inference failed as the engine did not find any field ending with `id` in its name. Please specify the primary key manually using the `primaryKey` query parameter.",
            error.GetProperty("message").GetString());
        Assert.Equal(2, task.GetProperty("details").GetProperty("receivedDocuments").GetInt32());
        Assert.Equal(0, task.GetProperty("details").GetProperty("indexedDocuments").GetInt32());
        Assert.Equal(404, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/books")).Status);
        foreach (var node in cluster.Nodes)
        {
            using var direct = new HttpClient { BaseAddress = new Uri(node!.Url) };
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await direct.GetAsync(new Uri("/indexes/books", UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public async Task AddDocuments_SeveralPrimaryKeyCandidates_FailedTask()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        var uid = MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/books/documents", "[{\"id\":1,\"bookId\":2}]"));
        var task = await cluster.WaitForTaskAsync(uid);

        Assert.Equal("failed", task.GetProperty("status").GetString());
        Assert.Equal("index_primary_key_multiple_candidates_found", task.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task AddDocuments_OneDocumentWithoutId_WholeBatchFailsAndNothingIsWritten()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"books\",\"primaryKey\":\"id\"}")));
        var uid = MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/books/documents", "[{\"id\":1,\"title\":\"Dune\"},{\"title\":\"Emma\"},{\"id\":3}]"));
        var task = await cluster.WaitForTaskAsync(uid);

        Assert.Equal("failed", task.GetProperty("status").GetString());
        var error = task.GetProperty("error");
        Assert.Equal("missing_document_id", error.GetProperty("code").GetString());
        Assert.Equal("Document doesn't have a `id` attribute: `{\"title\":\"Emma\"}`.", error.GetProperty("message").GetString());
        Assert.Equal(3, task.GetProperty("details").GetProperty("receivedDocuments").GetInt32());
        Assert.Equal(404, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/books/documents/1")).Status);
        Assert.Equal(0, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/books/stats")).Body.GetProperty("numberOfDocuments").GetInt32());
    }

    [Fact]
    public async Task AddDocuments_RefusedBatch_FailedTaskSurvivesRestart()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        var uid = MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/books/documents", "[{\"title\":\"Dune\"}]"));
        await cluster.WaitForTaskAsync(uid);
        await cluster.RestartProxyAsync();

        var task = await cluster.WaitForTaskAsync(uid);
        Assert.Equal("failed", task.GetProperty("status").GetString());
        Assert.Equal("index_primary_key_no_candidate_found", task.GetProperty("error").GetProperty("code").GetString());
    }
}
