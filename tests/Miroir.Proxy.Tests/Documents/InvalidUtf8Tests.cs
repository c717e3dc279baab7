using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Documents;

/// <summary>
/// Invalid UTF-8 in a body is refused by the orchestrator with Meilisearch's 400 before anything reaches a node:
/// never <c>internal</c>, never a 202 whose task then fails, never a batch half written.
/// </summary>
public sealed class InvalidUtf8Tests
{
    // "\xC3\x28": a two-byte lead byte followed by a byte that cannot continue it.
    private static byte[] Bad(string before, string after) => [.. Encoding.UTF8.GetBytes(before), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(after)];

    private static async Task<(int Status, JsonElement Body)> SendAsync(MiroirClusterFixture cluster, HttpMethod method, string path, byte[] body, string contentType)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await cluster.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Theory]
    [InlineData("application/json", "json")]
    [InlineData("application/x-ndjson", "ndjson")]
    [InlineData("text/csv", "csv")]
    public async Task Add_InvalidUtf8DeepInBatch_400MalformedPayloadAndNothingWritten(string contentType, string format)
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        var tasksBefore = (await cluster.SendJsonAsync(HttpMethod.Get, "/tasks")).Body.GetProperty("total").GetInt32();
        var many = string.Concat(Enumerable.Range(1, 200).Select(i => format switch
        {
            "json" => $"{{\"id\":{i},\"title\":\"t{i}\"}},",
            "ndjson" => $"{{\"id\":{i},\"title\":\"t{i}\"}}\n",
            _ => $"{i},t{i}\n",
        }));
        var body = format switch
        {
            "json" => Bad("[" + many + "{\"id\":999,\"title\":\"", "\"}]"),
            "ndjson" => Bad(many + "{\"id\":999,\"title\":\"", "\"}\n"),
            _ => Bad("id,title\n" + many + "999,", "\n"),
        };

        var (status, error) = await SendAsync(cluster, HttpMethod.Post, "/indexes/movies/documents?primaryKey=id", body, contentType);

        Assert.True(status == 400, error.ToString());
        Assert.Equal("malformed_payload", error.GetProperty("code").GetString());
        Assert.StartsWith($"The `{format}` payload provided is malformed", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(tasksBefore, (await cluster.SendJsonAsync(HttpMethod.Get, "/tasks")).Body.GetProperty("total").GetInt32());
        foreach (var node in cluster.Nodes)
        {
            await node!.WaitForIdleAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(404, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/movies/documents/1")).Status);
    }

    [Theory]
    [InlineData("/indexes/movies/search?q=%C3%28")]
    [InlineData("/indexes/movies/search?filter=g%20%3D%20%C3%28")]
    [InlineData("/indexes/movies/search?%C3%28=1")]
    [InlineData("/indexes/movies/documents?fields=%C3%28")]
    [InlineData("/indexes/movies/documents/%C3%28")]
    [InlineData("/indexes/%C3%28/search")]
    [InlineData("/tasks?indexUids=%C3%28")]
    public async Task QueryOrPath_BadPercentEncodedUtf8_NeverInternal(string path)
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents?primaryKey=id", """[{"id":1}]""")));

        using var response = await cluster.Client.GetAsync(path);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} {body}");
    }

    [Theory]
    [InlineData("POST", "/indexes/movies/search", "{\"q\":\"", "\"}")]
    [InlineData("POST", "/indexes/movies/facet-search", "{\"facetName\":\"g\",\"facetQuery\":\"", "\"}")]
    [InlineData("POST", "/multi-search", "{\"queries\":[{\"indexUid\":\"movies\",\"q\":\"", "\"}]}")]
    [InlineData("POST", "/multi-search", "{\"queries\":[{\"indexUid\":\"", "\"}]}")]
    [InlineData("PATCH", "/indexes/movies/settings", "{\"stopWords\":[\"", "\"]}")]
    [InlineData("PUT", "/indexes/movies/settings/stop-words", "[\"", "\"]")]
    [InlineData("POST", "/indexes", "{\"uid\":\"", "\"}")]
    [InlineData("POST", "/indexes/movies/documents/fetch", "{\"ids\":[\"", "\"]}")]
    [InlineData("POST", "/indexes/movies/documents/delete-batch", "[\"", "\"]")]
    [InlineData("POST", "/indexes/movies/documents/delete", "{\"filter\":\"", "\"}")]
    [InlineData("POST", "/keys", "{\"actions\":[\"search\"],\"indexes\":[\"movies\"],\"expiresAt\":null,\"description\":\"", "\"}")]
    public async Task JsonBody_InvalidUtf8_400MalformedPayload(string method, string path, string before, string after)
    {
        await using var cluster = await Auth.KeyRoutesTests.StartAsync();
        var created = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents", """[{"id":1,"g":"x"}]""");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(created));

        var (status, error) = await SendAsync(cluster, new HttpMethod(method), path, Bad(before, after), "application/json");

        Assert.True(status == 400, error.ToString());
        Assert.Equal("malformed_payload", error.GetProperty("code").GetString());
        Assert.StartsWith("The json payload provided is malformed. `invalid unicode code point", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
