using System.Text;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Documents;

public sealed class DocumentWriteTests
{
    private static string Movies(int count, int start = 1)
    {
        var json = new StringBuilder("[");
        for (var i = start; i < start + count; i++)
        {
            json.Append(i == start ? "" : ",").Append("{\"id\":").Append(i).Append(",\"title\":\"Movie ").Append(i).Append("\"}");
        }

        return json.Append(']').ToString();
    }

    private static async Task CreateIndexAsync(MiroirClusterFixture cluster, string uid = "movies", string primaryKey = "id")
    {
        var created = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", $"{{\"uid\":\"{uid}\",\"primaryKey\":\"{primaryKey}\"}}");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(created));
    }

    [Fact]
    public async Task AddJson_CreatedIndex_EveryDocumentFindableByIdWithoutReservedFields()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        await CreateIndexAsync(cluster);

        var added = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents", Movies(40));
        var task = await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(added));
        Assert.Equal("documentAdditionOrUpdate", task.GetProperty("type").GetString());
        Assert.Equal(40, task.GetProperty("details").GetProperty("receivedDocuments").GetInt32());
        Assert.Equal(40, task.GetProperty("details").GetProperty("indexedDocuments").GetInt32());

        for (var id = 1; id <= 40; id++)
        {
            var (status, doc, _) = await cluster.SendJsonAsync(HttpMethod.Get, $"/indexes/movies/documents/{id}");
            Assert.Equal(200, status);
            Assert.Equal($"Movie {id}", doc.GetProperty("title").GetString());
            Assert.False(doc.TryGetProperty("_miroir_shard", out _));
        }
    }

    [Fact]
    public async Task AddNdjsonAndCsv_UnknownIndexWithPrimaryKeyParam_IndexCreatedAndDocumentsFindable()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        var ndjson = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/books/documents?primaryKey=isbn", "{\"isbn\":\"a1\",\"t\":\"x\"}\n{\"isbn\":\"b2\",\"t\":\"y\"}\n", "application/x-ndjson");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(ndjson));
        var csv = await cluster.SendJsonAsync(HttpMethod.Put, "/indexes/books/documents", "isbn,t\nc3,z\nd4,w\n", "text/csv");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(csv));

        foreach (var (id, title) in new[] { ("a1", "x"), ("b2", "y"), ("c3", "z"), ("d4", "w") })
        {
            var (status, doc, _) = await cluster.SendJsonAsync(HttpMethod.Get, $"/indexes/books/documents/{id}");
            Assert.Equal(200, status);
            Assert.Equal(title, doc.GetProperty("t").GetString());
        }

        var (indexStatus, index, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/books");
        Assert.Equal(200, indexStatus);
        Assert.Equal("isbn", index.GetProperty("primaryKey").GetString());
    }

    [Fact]
    public async Task Add_ReservedFieldInOneDocument_Rejected400AndNothingWritten()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        await CreateIndexAsync(cluster);
        var tasksBefore = (await cluster.SendJsonAsync(HttpMethod.Get, "/tasks")).Body.GetProperty("total").GetInt32();

        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents", "[{\"id\":1,\"title\":\"ok\"},{\"id\":2,\"_miroir_shard\":3}]");

        Assert.Equal(400, status);
        Assert.Equal("miroir_reserved_field", error.GetProperty("code").GetString());
        Assert.Equal(tasksBefore, (await cluster.SendJsonAsync(HttpMethod.Get, "/tasks")).Body.GetProperty("total").GetInt32());
        foreach (var node in cluster.Nodes)
        {
            await node!.WaitForIdleAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(404, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/movies/documents/1")).Status);
    }

    [Fact]
    public async Task Add_NoPrimaryKeyAndAmbiguousInference_FailedTasksAndCreatesNothing()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();

        var ambiguous = await cluster.WaitForTaskAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/things/documents", "[{\"id\":1,\"otherid\":2}]")));
        var noCandidate = await cluster.WaitForTaskAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/things/documents", "[{\"name\":\"x\"}]")));
        var (empty, error, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/things/documents", "[]");

        Assert.Equal("index_primary_key_multiple_candidates_found", ambiguous.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("index_primary_key_no_candidate_found", noCandidate.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(400, empty);
        Assert.Equal("miroir_primary_key_required", error.GetProperty("code").GetString());
        Assert.Equal(404, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/things")).Status);
    }

    [Fact]
    public async Task Add_UnambiguousInference_UsesInferredKey()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        var added = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/things/documents", "[{\"thingId\":\"t-1\",\"name\":\"x\"}]");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(added));
        Assert.Equal("x", (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/things/documents/t-1")).Body.GetProperty("name").GetString());
    }

    [Fact]
    public async Task DeleteByIdAndBatch_ExistingDocuments_RemovedFromEveryOwner()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        await CreateIndexAsync(cluster);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents", Movies(10))));

        var one = await cluster.SendJsonAsync(HttpMethod.Delete, "/indexes/movies/documents/3");
        var oneTask = await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(one));
        var batch = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents/delete-batch", "[4,\"5\",6]");
        var batchTask = await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(batch));

        Assert.Equal(1, oneTask.GetProperty("details").GetProperty("deletedDocuments").GetInt32());
        Assert.Equal(3, batchTask.GetProperty("details").GetProperty("providedIds").GetInt32());
        Assert.Equal(3, batchTask.GetProperty("details").GetProperty("deletedDocuments").GetInt32());
        foreach (var id in new[] { 3, 4, 5, 6 })
        {
            Assert.Equal(404, (await cluster.SendJsonAsync(HttpMethod.Get, $"/indexes/movies/documents/{id}")).Status);
        }

        Assert.Equal(200, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/movies/documents/7")).Status);
    }

    [Fact]
    public async Task DeleteAll_Broadcast_RemovesEveryDocumentOnce()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        await CreateIndexAsync(cluster);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents", Movies(12))));

        var task = await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Delete, "/indexes/movies/documents")));

        Assert.Equal(12, task.GetProperty("details").GetProperty("deletedDocuments").GetInt32());
        Assert.Equal(404, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/movies/documents/1")).Status);
    }

    [Fact]
    public async Task DeleteByFilter_EmptyOrMissingFilter_RefusedBeforeAnyNodeIsAsked()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        await CreateIndexAsync(cluster);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents", Movies(12))));
        var nodeTasks = await NodeTaskCountsAsync(cluster);
        const string Empty = "Sending an empty filter is forbidden.";
        (string Body, string Code, string Message)[] cases =
        [
            ("""{"filter":""}""", "invalid_document_filter", Empty),
            ("""{"filter":" \t "}""", "invalid_document_filter", Empty),
            ("""{"filter":[]}""", "invalid_document_filter", Empty),
            ("""{"filter":[[]]}""", "invalid_document_filter", Empty),
            ("""{"filter":[""]}""", "invalid_document_filter", Empty),
            ("""{"filter":null}""", "invalid_document_filter", "Invalid syntax for the filter parameter: `expected String, Array, found: null`."),
            ("{}", "missing_document_filter", "Missing field `filter`"),
        ];

        foreach (var (body, code, message) in cases)
        {
            var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents/delete", body);
            Assert.True(status == 400, $"{body}: {status} {error}");
            Assert.Equal((code, message), (error.GetProperty("code").GetString(), error.GetProperty("message").GetString()));
        }

        Assert.Equal(nodeTasks, await NodeTaskCountsAsync(cluster));
        Assert.Equal(12, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/movies/documents?limit=100")).Body.GetProperty("results").GetArrayLength());
    }

    private static async Task<int[]> NodeTaskCountsAsync(MiroirClusterFixture cluster)
    {
        var counts = new List<int>();
        foreach (var node in cluster.Nodes)
        {
            using var client = new HttpClient { BaseAddress = new Uri(node!.Url) };
            using var tasks = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/tasks"));
            counts.Add(tasks.RootElement.GetProperty("total").GetInt32());
        }

        return [.. counts];
    }

    [Fact]
    public async Task Add_WrongContentType_Returns415()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents?primaryKey=id", "x", "text/plain");
        Assert.Equal(415, status);
        Assert.Equal("invalid_content_type", error.GetProperty("code").GetString());
    }
}
