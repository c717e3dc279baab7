using System.Net;
using Miroir.Engine.Tests.Node;

namespace Miroir.Engine.Tests.Http;

public sealed class DocumentRoutesTests
{
    [Theory]
    [InlineData("application/json", """[{"id":1,"title":"Alpha"},{"id":"b-2","title":"Beta"}]""")]
    [InlineData("application/x-ndjson", "{\"id\":1,\"title\":\"Alpha\"}\n{\"id\":\"b-2\",\"title\":\"Beta\"}\n")]
    [InlineData("text/csv", "id,title\n1,Alpha\nb-2,Beta\n")]
    public async Task Documents_AddInEachFormat_CreatesIndexAndStoresThem(string contentType, string body)
    {
        await using var node = await TestNode.StartAsync();
        var task = await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/books/documents", body, contentType);
        Assert.Equal("succeeded", task.GetProperty("status").GetString());
        Assert.Equal(2, task.GetProperty("details").GetProperty("receivedDocuments").GetInt32());
        Assert.Equal(2, task.GetProperty("details").GetProperty("indexedDocuments").GetInt32());

        var index = await node.GetJsonAsync("/indexes/books");
        Assert.Equal("id", index.GetProperty("primaryKey").GetString());
        var doc = await node.GetJsonAsync("/indexes/books/documents/b-2");
        Assert.Equal("Beta", doc.GetProperty("title").GetString());
        var list = await node.GetJsonAsync("/indexes/books/documents?limit=1&fields=title");
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        var first = Assert.Single(list.GetProperty("results").EnumerateArray());
        Assert.False(first.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task Documents_PutMergesAndPostReplaces()
    {
        await using var node = await TestNode.StartAsync();
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents", """[{"id":1,"a":"x","b":"y"}]""");
        await node.WriteAndWaitAsync(HttpMethod.Put, "/indexes/b/documents", """[{"id":1,"b":"z"}]""");
        var merged = await node.GetJsonAsync("/indexes/b/documents/1");
        Assert.Equal("x", merged.GetProperty("a").GetString());
        Assert.Equal("z", merged.GetProperty("b").GetString());
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents", """[{"id":1,"b":"w"}]""");
        var replaced = await node.GetJsonAsync("/indexes/b/documents/1");
        Assert.False(replaced.TryGetProperty("a", out _));
    }

    [Fact]
    public async Task Documents_DeleteVariants_RemoveAndReportCounts()
    {
        await using var node = await TestNode.StartAsync();
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents?primaryKey=key",
            """[{"key":"a"},{"key":"b"},{"key":"c"},{"key":"d"}]""");
        var one = await node.WriteAndWaitAsync(HttpMethod.Delete, "/indexes/b/documents/a", "");
        Assert.Equal(1, one.GetProperty("details").GetProperty("deletedDocuments").GetInt32());
        var batch = await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents/delete-batch", """["b","zz"]""");
        Assert.Equal(2, batch.GetProperty("details").GetProperty("providedIds").GetInt32());
        Assert.Equal(1, batch.GetProperty("details").GetProperty("deletedDocuments").GetInt32());
        var fetched = await TestNode.JsonAsync(await node.SendJsonAsync(HttpMethod.Post, "/indexes/b/documents/fetch", """{"ids":["c","a"]}"""));
        Assert.Equal(1, fetched.GetProperty("total").GetInt32());
        var all = await node.WriteAndWaitAsync(HttpMethod.Delete, "/indexes/b/documents", "");
        Assert.Equal(2, all.GetProperty("details").GetProperty("deletedDocuments").GetInt32());
        Assert.Equal(0, (await node.GetJsonAsync("/indexes/b/stats")).GetProperty("numberOfDocuments").GetInt32());
    }

    [Theory]
    [InlineData("""{"filter":""}""", "invalid_document_filter", "Sending an empty filter is forbidden.")]
    [InlineData("""{"filter":"   "}""", "invalid_document_filter", "Sending an empty filter is forbidden.")]
    [InlineData("""{"filter":[]}""", "invalid_document_filter", "Sending an empty filter is forbidden.")]
    [InlineData("""{"filter":[[]]}""", "invalid_document_filter", "Sending an empty filter is forbidden.")]
    [InlineData("""{"filter":[""]}""", "invalid_document_filter", "Sending an empty filter is forbidden.")]
    [InlineData("""{"filter":["", [" "]]}""", "invalid_document_filter", "Sending an empty filter is forbidden.")]
    [InlineData("""{"filter":null}""", "invalid_document_filter", "Invalid syntax for the filter parameter: `expected String, Array, found: null`.")]
    [InlineData("""{"filter":true}""", "invalid_document_filter", "Invalid syntax for the filter parameter: `expected String, Array, found: true`.")]
    [InlineData("{}", "missing_document_filter", "Missing field `filter`")]
    public async Task Documents_DeleteByEmptyOrMissingFilter_RefusedAndNothingDeleted(string body, string code, string message)
    {
        await using var node = await TestNode.StartAsync();
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents", """[{"id":1,"k":"x"},{"id":2,"k":"y"}]""");
        var tasksBefore = (await node.GetJsonAsync("/tasks")).GetProperty("total").GetInt32();

        var response = await node.SendJsonAsync(HttpMethod.Post, "/indexes/b/documents/delete", body);

        var error = await TestNode.JsonAsync(response);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(tasksBefore, (await node.GetJsonAsync("/tasks")).GetProperty("total").GetInt32());
        Assert.Equal(2, (await node.GetJsonAsync("/indexes/b/documents")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Documents_InvalidIdInBatch_FailsTaskAndWritesNothing()
    {
        await using var node = await TestNode.StartAsync();
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents", """[{"id":1}]""");
        var task = await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents", """[{"id":2},{"id":"not valid!"}]""");
        Assert.Equal("failed", task.GetProperty("status").GetString());
        Assert.Equal("invalid_document_id", task.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(0, task.GetProperty("details").GetProperty("indexedDocuments").GetInt32());
        Assert.Equal(1, (await node.GetJsonAsync("/indexes/b/stats")).GetProperty("numberOfDocuments").GetInt32());
    }

    [Fact]
    public async Task Documents_MissingPrimaryKeyValue_FailsWithMissingDocumentId()
    {
        await using var node = await TestNode.StartAsync();
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes", """{"uid":"b","primaryKey":"id"}""");
        var task = await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents", """[{"title":"x"}]""");
        Assert.Equal("missing_document_id", task.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Documents_NoPrimaryKeyCandidate_FailsAndIndexIsNotCreated()
    {
        await using var node = await TestNode.StartAsync();
        var task = await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents", """[{"title":"x"}]""");
        Assert.Equal("index_primary_key_no_candidate_found", task.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.GetAsync("/indexes/b")).StatusCode);
    }

    [Theory]
    [InlineData("application/json", "[{\"id\":1", "malformed_payload", 400)]
    [InlineData("text/plain", "[]", "invalid_content_type", 415)]
    [InlineData("application/json", "[1,2]", "malformed_payload", 400)]
    public async Task Documents_BadPayload_RejectedSynchronouslyWithNoTask(string contentType, string body, string code, int status)
    {
        await using var node = await TestNode.StartAsync();
        var response = await node.SendJsonAsync(HttpMethod.Post, "/indexes/b/documents", body, contentType);
        Assert.Equal(status, (int)response.StatusCode);
        var error = await TestNode.JsonAsync(response);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.True(error.TryGetProperty("link", out _));
        Assert.Equal(0, (await node.GetJsonAsync("/tasks")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Documents_UnknownDocument_Returns404()
    {
        await using var node = await TestNode.StartAsync();
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents", """[{"id":1}]""");
        var response = await node.Client.GetAsync("/indexes/b/documents/2");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("document_not_found", (await TestNode.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Documents_FilterOnNonFilterableAttribute_Returns400()
    {
        await using var node = await TestNode.StartAsync();
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents", """[{"id":1,"genre":"x"}]""");
        var response = await node.SendJsonAsync(HttpMethod.Post, "/indexes/b/documents/fetch", """{"filter":"genre = x"}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_document_filter", (await TestNode.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Documents_BodyOverLimit_Returns413PayloadTooLarge()
    {
        await using var node = await TestNode.StartAsync(maxBody: 1024);
        var response = await node.SendJsonAsync(HttpMethod.Post, "/indexes/b/documents", "[" + new string(' ', 4096) + "]");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", (await TestNode.JsonAsync(response)).GetProperty("code").GetString());
    }
}
