using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Miroir.Engine.Tests.Node;

namespace Miroir.Engine.Tests.Http;

/// <summary>Invalid UTF-8 anywhere in a request is the client's error (400), never <c>internal</c> nor a failed task.</summary>
public sealed class InvalidUtf8Tests
{
    private const string MasterKey = "master-key-of-16-bytes";

    // "\xC3\x28" is a truncated two-byte sequence: the lead byte promises a continuation byte that is not there.
    private static byte[] Bad(string before, string after) => [.. Encoding.UTF8.GetBytes(before), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(after)];

    public static TheoryData<string, string, string> JsonBodies => new()
    {
        { "POST", "/indexes/b/search", "q" },
        { "POST", "/indexes/b/facet-search", "facetQuery" },
        { "POST", "/multi-search", "multi" },
        { "PATCH", "/indexes/b/settings", "settings" },
        { "PUT", "/indexes/b/settings/stop-words", "stop-words" },
        { "POST", "/keys", "keys" },
        { "POST", "/indexes", "index" },
        { "POST", "/indexes/b/documents/fetch", "fetch" },
        { "POST", "/indexes/b/documents/delete-batch", "delete-batch" },
    };

    [Theory]
    [MemberData(nameof(JsonBodies))]
    public async Task JsonBody_InvalidUtf8_Returns400MalformedPayload(string method, string path, string shape)
    {
        await using var node = await TestNode.StartAsync(masterKey: MasterKey);
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents", """[{"id":1,"g":"x"}]""");
        var tasksBefore = (await node.GetJsonAsync("/tasks")).GetProperty("total").GetInt32();
        byte[] body = shape switch
        {
            "q" => Bad("{\"q\":\"", "\"}"),
            "facetQuery" => Bad("{\"facetName\":\"g\",\"facetQuery\":\"", "\"}"),
            "multi" => Bad("{\"queries\":[{\"indexUid\":\"b\",\"q\":\"", "\"}]}"),
            "settings" => Bad("{\"stopWords\":[\"", "\"]}"),
            "stop-words" => Bad("[\"", "\"]"),
            "keys" => Bad("{\"actions\":[\"search\"],\"indexes\":[\"b\"],\"expiresAt\":null,\"description\":\"", "\"}"),
            "index" => Bad("{\"uid\":\"", "\"}"),
            "fetch" => Bad("{\"ids\":[\"", "\"]}"),
            _ => Bad("[\"", "\"]"),
        };

        var response = await SendAsync(node, new HttpMethod(method), path, body, "application/json");

        var error = await TestNode.JsonAsync(response);
        Assert.True(400 == (int)response.StatusCode, error.ToString());
        Assert.Equal("malformed_payload", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request", error.GetProperty("type").GetString());
        Assert.StartsWith("The json payload provided is malformed. `invalid unicode code point at line 1 column ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(tasksBefore, (await node.GetJsonAsync("/tasks")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("application/json", "json")]
    [InlineData("application/x-ndjson", "ndjson")]
    [InlineData("text/csv", "csv")]
    public async Task Documents_InvalidUtf8_Rejected400WithNoTask(string contentType, string format)
    {
        await using var node = await TestNode.StartAsync();
        var body = format switch
        {
            "json" => Bad("[{\"id\":1,\"title\":\"", "\"}]"),
            "ndjson" => Bad("{\"id\":1,\"title\":\"a\"}\n{\"id\":2,\"title\":\"", "\"}\n"),
            _ => Bad("id,title\n1,a\n2,", "\n"),
        };

        var response = await SendAsync(node, HttpMethod.Post, "/indexes/b/documents", body, contentType);

        var error = await TestNode.JsonAsync(response);
        Assert.True(400 == (int)response.StatusCode, error.ToString());
        Assert.Equal("malformed_payload", error.GetProperty("code").GetString());
        Assert.StartsWith($"The `{format}` payload provided is malformed", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("invalid", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await node.GetJsonAsync("/tasks")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Documents_InvalidUtf8InCsvHeader_Rejected400()
    {
        await using var node = await TestNode.StartAsync();
        var response = await SendAsync(node, HttpMethod.Post, "/indexes/b/documents", Bad("id,ti", "tle\n1,a\n"), "text/csv");
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("malformed_payload", (await TestNode.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/indexes/b/search?q=%C3%28")]
    [InlineData("/indexes/b/search?%C3%28=1")]
    [InlineData("/indexes/b/documents?fields=%C3%28")]
    [InlineData("/indexes/b/documents/%C3%28")]
    [InlineData("/indexes/%C3%28/search")]
    [InlineData("/tasks?indexUids=%C3%28")]
    public async Task QueryOrPath_BadPercentEncodedUtf8_NeverInternal(string path)
    {
        await using var node = await TestNode.StartAsync();
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents", """[{"id":1,"g":"x"}]""");
        var response = await node.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} {body}");
        if (body.Length > 0 && (int)response.StatusCode >= 400)
        {
            Assert.NotEqual("internal", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task AuthorizationHeader_InvalidUtf8_RefusedAsAuthErrorNotInternal()
    {
        await using var node = await TestNode.StartAsync(masterKey: MasterKey);
        // HttpClient refuses non-ASCII header bytes unless told how to encode them: Latin-1 sends them as they are.
        using var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1 };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(node.Url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/indexes");
        request.Headers.TryAddWithoutValidation("Authorization", Encoding.Latin1.GetString(Bad("Bearer ", "x")));
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is 400 or 401 or 403, $"{(int)response.StatusCode} {body}");
    }

    private static async Task<HttpResponseMessage> SendAsync(TestNode node, HttpMethod method, string path, byte[] body, string contentType)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await node.Client.SendAsync(request);
    }
}
