using System.Net;
using Miroir.Engine.Tests.Node;

namespace Miroir.Engine.Tests.Http;

/// <summary>Unknown query parameters are refused with Meilisearch's exact <c>bad_request</c>, on every route that lists them.</summary>
public sealed class QueryParameterTests
{
    private const string DocumentsNames = "`offset`, `limit`, `fields`, `retrieveVectors`, `ids`, `filter`";
    private const string TaskListNames =
        "`limit`, `from`, `reverse`, `batchUids`, `uids`, `canceledBy`, `types`, `statuses`, `indexUids`, `afterEnqueuedAt`, `beforeEnqueuedAt`, `afterStartedAt`, `beforeStartedAt`, `afterFinishedAt`, `beforeFinishedAt`";

    [Theory]
    [InlineData("GET", "/indexes/b/documents?foo=1", "Unknown parameter `foo`: expected one of " + DocumentsNames)]
    [InlineData("GET", "/indexes/b/documents?limit=2&offest=1", "Unknown parameter `offest`: did you mean `offset`? expected one of " + DocumentsNames)]
    [InlineData("GET", "/indexes/b/documents/1?foo=1", "Unknown parameter `foo`: expected one of `fields`, `retrieveVectors`")]
    [InlineData("GET", "/indexes/missing/documents/1?foo=1", "Unknown parameter `foo`: expected one of `fields`, `retrieveVectors`")]
    [InlineData("GET", "/indexes?doggo=nolimit", "Unknown parameter `doggo`: expected one of `offset`, `limit`")]
    [InlineData("GET", "/tasks?lol=pied", "Unknown parameter `lol`: expected one of " + TaskListNames)]
    [InlineData("GET", "/batches?lol=pied", "Unknown parameter `lol`: expected one of " + TaskListNames)]
    [InlineData("DELETE", "/tasks?uids=1&lol=pied",
        "Unknown parameter `lol`: expected one of `uids`, `batchUids`, `canceledBy`, `types`, `statuses`, `indexUids`, `afterEnqueuedAt`, `beforeEnqueuedAt`, `afterStartedAt`, `beforeStartedAt`, `afterFinishedAt`, `beforeFinishedAt`")]
    public async Task Route_UnknownQueryParameter_BadRequestNamingIt(string method, string path, string message)
    {
        await using var node = await TestNode.StartAsync();
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents", """[{"id":1}]""");
        var response = await node.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await TestNode.JsonAsync(response);
        Assert.Equal(["message", "code", "type", "link"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(message, body.GetProperty("message").GetString());
        Assert.Equal("bad_request", body.GetProperty("code").GetString());
        Assert.Equal("invalid_request", body.GetProperty("type").GetString());
        Assert.Equal("https://docs.meilisearch.com/errors#bad_request", body.GetProperty("link").GetString());
    }

    [Theory]
    [InlineData("/indexes/b/documents?fields=id&ids=1&filter=&retrieveVectors=false&offset=0&limit=1")]
    [InlineData("/indexes/b/documents/1?fields=id&retrieveVectors=true")]
    [InlineData("/indexes?offset=0&limit=1")]
    public async Task Route_OnlyKnownParameters_Answers200(string path)
    {
        await using var node = await TestNode.StartAsync();
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents", """[{"id":1}]""");
        Assert.Equal(HttpStatusCode.OK, (await node.Client.GetAsync(path)).StatusCode);
    }
}
