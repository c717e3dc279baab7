using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Miroir.Engine.Tests.Node;

namespace Miroir.Engine.Tests.Http;

/// <summary>A tenant token's search rule holds on every search route of a node, whatever filter the tenant sends.</summary>
public sealed class TenantTokenTests
{
    private const string MasterKey = "a-master-key-of-sixteen-bytes-or-more";
    private const string Attack = "section EXISTS) OR (section EXISTS";

    [Fact]
    public async Task TenantToken_FilterThatClosesTheRuleParenthesis_RefusedOnEverySearchRoute()
    {
        await using var node = await StartAsync();
        using var tenant = node.NewClient(await TokenAsync(node, """{"docs":{"filter":"section = games"}}"""));
        var filter = JsonEncodedText.Encode(Attack).ToString();

        var post = await tenant.PostAsync("/indexes/docs/search", Json($$"""{"filter":"{{filter}}"}"""));
        var get = await tenant.GetAsync("/indexes/docs/search?filter=" + Uri.EscapeDataString(Attack));
        var multi = await tenant.PostAsync("/multi-search", Json($$"""{"queries":[{"indexUid":"docs","filter":"{{filter}}"}]}"""));
        var federated = await tenant.PostAsync("/multi-search", Json($$"""{"federation":{},"queries":[{"indexUid":"docs","filter":"{{filter}}"}]}"""));
        var facets = await tenant.PostAsync("/indexes/docs/facet-search", Json($$"""{"facetName":"section","filter":"{{filter}}"}"""));

        foreach (var response in new[] { post, get, multi, federated, facets })
        {
            var body = await TestNode.JsonAsync(response);
            Assert.True((int)response.StatusCode == 400, $"{response.RequestMessage!.RequestUri}: {body}");
            Assert.Equal("invalid_search_filter", body.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task TenantToken_ValidClientFilter_StillAndedWithTheRule()
    {
        await using var node = await StartAsync();
        using var tenant = node.NewClient(await TokenAsync(node, """{"docs":{"filter":"section = games"}}"""));

        var post = await TestNode.JsonAsync(await tenant.PostAsync("/indexes/docs/search", Json("""{"filter":"section EXISTS OR id = 2"}""")));
        var get = await TestNode.JsonAsync(await tenant.GetAsync("/indexes/docs/search?filter=" + Uri.EscapeDataString("section EXISTS OR id = 2")));
        var getArray = await TestNode.JsonAsync(await tenant.GetAsync("/indexes/docs/search?filter=" + Uri.EscapeDataString("""["id = 3"]""")));
        var facets = await TestNode.JsonAsync(await tenant.PostAsync("/indexes/docs/facet-search", Json("""{"facetName":"section","filter":"NOT section = games"}""")));

        Assert.Equal([1L, 3L], Ids(post).Order());
        Assert.Equal([1L, 3L], Ids(get).Order());
        Assert.Equal([3L], Ids(getArray));
        Assert.Empty(facets.GetProperty("facetHits").EnumerateArray());
    }

    private static async Task<TestNode> StartAsync()
    {
        var node = await TestNode.StartAsync(MasterKey);
        await node.WriteAndWaitAsync(HttpMethod.Patch, "/indexes/docs/settings", """{"filterableAttributes":["section","id"]}""");
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/docs/documents",
            """[{"id":1,"section":"games"},{"id":2,"section":"news"},{"id":3,"section":"games"},{"id":4,"section":"sport"}]""");
        return node;
    }

    /// <summary>A tenant token (HS256) signed by a new search key.</summary>
    private static async Task<string> TokenAsync(TestNode node, string searchRules)
    {
        var key = await TestNode.JsonAsync(await node.SendJsonAsync(HttpMethod.Post, "/keys", """{"actions":["search"],"indexes":["*"],"expiresAt":null}"""));
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var head = B64("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var body = B64(Encoding.UTF8.GetBytes($$"""{"apiKeyUid":"{{key.GetProperty("uid").GetString()}}","searchRules":{{searchRules}}}"""));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key.GetProperty("key").GetString()!), Encoding.ASCII.GetBytes(head + "." + body));
        return $"{head}.{body}.{B64(signature)}";
    }

    private static IEnumerable<long> Ids(JsonElement response) => response.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetInt64());

    private static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
