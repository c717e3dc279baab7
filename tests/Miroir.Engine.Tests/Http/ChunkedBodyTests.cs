using System.Net.Http.Headers;
using System.Text;
using Miroir.Engine.Tests.Node;

namespace Miroir.Engine.Tests.Http;

/// <summary>Bodies sent with Transfer-Encoding: chunked (no Content-Length) are bounded by the limit while they stream.</summary>
public sealed class ChunkedBodyTests
{
    private static string Ndjson(int count) =>
        string.Concat(Enumerable.Range(1, count).Select(i => $"{{\"id\":{i},\"pad\":\"{new string('x', 100)}\"}}\n"));

    private static async Task<HttpResponseMessage> PostChunkedAsync(TestNode node, string path, string body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TransferEncodingChunked = true;
        return await node.Client.SendAsync(request);
    }

    [Fact]
    public async Task Documents_ChunkedUnderLimit_Indexed()
    {
        await using var node = await TestNode.StartAsync(maxBody: 256 * 1024);
        var response = await PostChunkedAsync(node, "/indexes/b/documents", Ndjson(1500), "application/x-ndjson"); // ~170 KB
        var accepted = await TestNode.JsonAsync(response);
        Assert.True(202 == (int)response.StatusCode, accepted.ToString());
        var task = await node.WaitTaskAsync(accepted.GetProperty("taskUid").GetInt64());
        Assert.Equal(1500, task.GetProperty("details").GetProperty("indexedDocuments").GetInt32());
    }

    [Theory]
    [InlineData("/indexes/b/documents", "application/x-ndjson")]
    [InlineData("/indexes/b/search", "application/json")]
    public async Task ChunkedOverLimit_413PayloadTooLargeAndNoTask(string path, string contentType)
    {
        await using var node = await TestNode.StartAsync(maxBody: 64 * 1024);
        var body = contentType == "application/json" ? "{\"q\":\"" + new string('x', 200_000) + "\"}" : Ndjson(2000);

        var response = await PostChunkedAsync(node, path, body, contentType);

        var error = await TestNode.JsonAsync(response);
        Assert.True(413 == (int)response.StatusCode, error.ToString());
        Assert.Equal("payload_too_large", error.GetProperty("code").GetString());
        Assert.Equal("The provided payload reached the size limit. The maximum accepted payload size is 65536 B.", error.GetProperty("message").GetString());
        Assert.Equal(0, (await node.GetJsonAsync("/tasks")).GetProperty("total").GetInt32());
    }
}
