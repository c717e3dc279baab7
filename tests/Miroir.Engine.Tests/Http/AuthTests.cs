using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
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

    [Fact]
    public async Task TenantToken_Expired_Returns403NamingExpAndNow()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await TestNode.StartAsync(MasterKey, time: clock);
        var search = (await node.GetJsonAsync("/keys")).GetProperty("results").EnumerateArray()
            .First(k => k.GetProperty("name").GetString() == "Default Search API Key");
        var exp = clock.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds();
        using var client = node.NewClient(TenantToken(search.GetProperty("uid").GetString()!, search.GetProperty("key").GetString()!, exp));

        var response = await client.PostAsync("/indexes/movies/search", Json("{}"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = await TestNode.JsonAsync(response);
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal($"Tenant token expired. Was valid up to `{exp}` and we're now `{clock.GetUtcNow().ToUnixTimeSeconds()}`.", error.GetProperty("message").GetString());
    }

    private static string TenantToken(string apiKeyUid, string signingKey, long exp)
    {
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var head = B64("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var body = B64(Encoding.UTF8.GetBytes($$"""{"apiKeyUid":"{{apiKeyUid}}","searchRules":["*"],"exp":{{exp}}}"""));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes(head + "." + body));
        return $"{head}.{body}.{B64(signature)}";
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
