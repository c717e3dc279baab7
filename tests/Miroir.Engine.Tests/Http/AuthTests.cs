using System.Net;
using Miroir.Engine.Tests.Node;

namespace Miroir.Engine.Tests.Http;

public sealed class AuthTests
{
    private const string MasterKey = "a-master-key-of-sixteen-bytes-or-more";

    [Fact]
    public async Task Auth_NoHeader_Returns401ButHealthIsOpen()
    {
        await using var node = await TestNode.StartAsync(MasterKey);
        using var anonymous = node.NewClient(null);
        var response = await anonymous.GetAsync("/indexes");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("missing_authorization_header", (await TestNode.JsonAsync(response)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Auth_WrongKey_Returns403()
    {
        await using var node = await TestNode.StartAsync(MasterKey);
        using var wrong = node.NewClient("wrong");
        var response = await wrong.GetAsync("/indexes");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("invalid_api_key", (await TestNode.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Auth_MasterKey_IsAccepted()
    {
        await using var node = await TestNode.StartAsync(MasterKey);
        Assert.Equal(HttpStatusCode.OK, (await node.Client.GetAsync("/indexes")).StatusCode);
    }

    [Fact]
    public async Task Auth_DefaultKeys_ExistAndSearchKeyCannotWrite()
    {
        await using var node = await TestNode.StartAsync(MasterKey);
        var keys = await node.GetJsonAsync("/keys");
        var names = keys.GetProperty("results").EnumerateArray().Select(k => k.GetProperty("name").GetString()).ToList();
        Assert.Contains("Default Search API Key", names);
        Assert.Contains("Default Admin API Key", names);
        var searchKey = keys.GetProperty("results").EnumerateArray()
            .First(k => k.GetProperty("name").GetString() == "Default Search API Key").GetProperty("key").GetString();
        using var searcher = node.NewClient(searchKey);
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents", """[{"id":1}]""");
        Assert.Equal(HttpStatusCode.OK, (await searcher.PostAsync("/indexes/b/search", Json("{}"))).StatusCode);
        var write = await searcher.PostAsync("/indexes/b/documents", Json("""[{"id":2}]"""));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("invalid_api_key", (await TestNode.JsonAsync(write)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Auth_KeyRestrictedToIndex_SeesOnlyThatIndexAndSurvivesRestart()
    {
        await using var node = await TestNode.StartAsync(MasterKey);
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes", """{"uid":"books"}""");
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes", """{"uid":"movies"}""");
        var created = await node.SendJsonAsync(HttpMethod.Post, "/keys",
            """{"actions":["indexes.get","documents.get"],"indexes":["books"],"expiresAt":null}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = (await TestNode.JsonAsync(created)).GetProperty("key").GetString();

        await node.RestartAsync();

        using var client = node.NewClient(key);
        var list = await TestNode.JsonAsync(await client.GetAsync("/indexes"));
        Assert.Equal("books", Assert.Single(list.GetProperty("results").EnumerateArray()).GetProperty("uid").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/indexes/books")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/indexes/movies")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/keys")).StatusCode);
    }

    [Fact]
    public async Task Auth_NoMasterKey_KeyRoutesNeedOne()
    {
        await using var node = await TestNode.StartAsync();
        var response = await node.Client.GetAsync("/keys");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("missing_master_key", (await TestNode.JsonAsync(response)).GetProperty("code").GetString());
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
