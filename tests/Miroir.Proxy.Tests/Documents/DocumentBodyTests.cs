using System.Text;
using System.Text.Json;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Documents;

/// <summary>How a document batch's body is read: sizes, transfer encodings and failures partway through a large body.</summary>
public sealed class DocumentBodyTests
{
    private static string Ndjson(int count)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            text.Append("{\"id\":").Append(i).Append(",\"title\":\"Movie ").Append(i).Append("\",\"pad\":\"").Append('x', 100).Append("\"}\n");
        }

        return text.ToString();
    }

    private static async Task<int> TaskCountAsync(MiroirClusterFixture cluster) =>
        (await cluster.SendJsonAsync(HttpMethod.Get, "/tasks")).Body.GetProperty("total").GetInt32();

    private static async Task<(int Status, JsonElement Body)> PostAsync(MiroirClusterFixture cluster, string path, HttpContent content)
    {
        using var response = await cluster.Client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task AssertNothingWrittenAsync(MiroirClusterFixture cluster, int tasksBefore)
    {
        Assert.Equal(tasksBefore, await TaskCountAsync(cluster));
        foreach (var node in cluster.Nodes)
        {
            await node!.WaitForIdleAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(404, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/movies/documents/1")).Status);
    }

    private static void AssertError(JsonElement error, string code, string type)
    {
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal("https://docs.meilisearch.com/errors#" + code, error.GetProperty("link").GetString());
    }

    [Fact]
    public async Task Add_LargeChunkedNdjsonWithoutContentLength_EveryDocumentRouted()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();

        // ~0.5 MB in 1,000-byte chunks: the body is read across many pipe reads and grows its buffer.
        var content = new ChunkedContent(Encoding.UTF8.GetBytes(Ndjson(3000)), "application/x-ndjson");
        var (status, body) = await PostAsync(cluster, "/indexes/movies/documents?primaryKey=id", content);

        Assert.True(status == 202, body.ToString());
        var task = await cluster.WaitForSuccessAsync(body.GetProperty("taskUid").GetInt64());
        Assert.Equal(3000, task.GetProperty("details").GetProperty("indexedDocuments").GetInt32());
        foreach (var id in new[] { 1, 1500, 3000 })
        {
            var (found, doc, _) = await cluster.SendJsonAsync(HttpMethod.Get, $"/indexes/movies/documents/{id}");
            Assert.Equal(200, found);
            Assert.Equal($"Movie {id}", doc.GetProperty("title").GetString());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Add_MalformedDocumentDeepInLargeBody_400AndNothingWritten(bool chunked)
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        var tasksBefore = await TaskCountAsync(cluster);

        // 2,000 valid documents, then one cut short, then more valid ones.
        var bytes = Encoding.UTF8.GetBytes(Ndjson(2000) + "{\"id\":2001,\"title\":\n" + Ndjson(10));
        HttpContent content = chunked ? new ChunkedContent(bytes, "application/x-ndjson") : new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/x-ndjson");
        var (status, error) = await PostAsync(cluster, "/indexes/movies/documents?primaryKey=id", content);

        Assert.Equal(400, status);
        AssertError(error, "malformed_payload", "invalid_request");
        await AssertNothingWrittenAsync(cluster, tasksBefore);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Add_BodyOverLimit_413PayloadTooLargeAndNothingWritten(bool chunked)
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(configure: c => c with { Server = c.Server with { MaxBodyBytes = 64 * 1024 } });
        var tasksBefore = await TaskCountAsync(cluster);

        var bytes = Encoding.UTF8.GetBytes(Ndjson(1000)); // ~130 KB
        HttpContent content = chunked ? new ChunkedContent(bytes, "application/x-ndjson") : new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/x-ndjson");
        var (status, error) = await PostAsync(cluster, "/indexes/movies/documents?primaryKey=id", content);

        Assert.Equal(413, status);
        AssertError(error, "payload_too_large", "invalid_request");
        await AssertNothingWrittenAsync(cluster, tasksBefore);
    }

    [Fact]
    public async Task Search_ChunkedBodyOverLimit_413WithMeilisearchMessage()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(configure: c => c with { Server = c.Server with { MaxBodyBytes = 64 * 1024 } });
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents?primaryKey=id", """[{"id":1}]""")));

        var content = new ChunkedContent(Encoding.UTF8.GetBytes("{\"q\":\"" + new string('x', 200_000) + "\"}"), "application/json");
        var (status, error) = await PostAsync(cluster, "/indexes/movies/search", content);

        Assert.Equal(413, status);
        AssertError(error, "payload_too_large", "invalid_request");
        Assert.Equal("The provided payload reached the size limit. The maximum accepted payload size is 65536 B.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Search_ChunkedBodyUnderLimit_Answered()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(configure: c => c with { Server = c.Server with { MaxBodyBytes = 64 * 1024 } });
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents?primaryKey=id", """[{"id":1,"t":"alpha"}]""")));

        var content = new ChunkedContent(Encoding.UTF8.GetBytes("{\"q\":\"alpha\",\"attributesToRetrieve\":[\"id\"" + new string(' ', 30_000) + "]}"), "application/json");
        var (status, body) = await PostAsync(cluster, "/indexes/movies/search", content);

        Assert.True(status == 200, body.ToString());
        Assert.Equal(1, body.GetProperty("hits").GetArrayLength());
    }

    [Fact]
    public async Task Add_ChunkedCsvWithDelimiterQuotesAndNoFinalNewline_EveryDocumentRouted()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        var csv = new StringBuilder("id;title;note\r\n");
        for (var i = 1; i <= 500; i++)
        {
            csv.Append(i).Append(";\"Movie; ").Append(i).Append("\";\"two\nlines \"\"quoted\"\"\"\r\n");
        }

        csv.Append("501;last;"); // no final newline, empty last field
        var content = new ChunkedContent(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv");
        var (status, body) = await PostAsync(cluster, "/indexes/movies/documents?primaryKey=id&csvDelimiter=%3B", content);

        Assert.True(status == 202, body.ToString());
        var task = await cluster.WaitForSuccessAsync(body.GetProperty("taskUid").GetInt64());
        Assert.Equal(501, task.GetProperty("details").GetProperty("indexedDocuments").GetInt32());
        var (_, first, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/movies/documents/250");
        Assert.Equal("Movie; 250", first.GetProperty("title").GetString());
        Assert.Equal("two\nlines \"quoted\"", first.GetProperty("note").GetString());
        var (_, last, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/movies/documents/501");
        Assert.Equal("last", last.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, last.GetProperty("note").ValueKind);
    }
}
