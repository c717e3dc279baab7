using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Miroir.Proxy.Server;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Auth;

/// <summary>The orchestrator checks API keys and tenant tokens itself, before routing: actions, indexes, expiry, search rules.</summary>
public sealed class ApiKeyAccessTests
{
    private const string Movies = """[{"id":1,"title":"Carol","genre":"romance"},{"id":2,"title":"Wonder Woman","genre":"action"},{"id":3,"title":"Mad Max","genre":"action"},{"id":4,"title":"Life of Pi","genre":"adventure"}]""";

    [Fact]
    public async Task ApiKey_ActionsAndIndexPatterns_Enforced()
    {
        await using var cluster = await KeyRoutesTests.StartAsync();
        await SeedAsync(cluster);
        var key = await CreateKeyAsync(cluster, """{"actions":["search","indexes.get","indexes.create"],"indexes":["movies"],"expiresAt":null}""");
        using var client = KeyRoutesTests.Bearer(cluster, key);

        var search = await client.PostAsync("/indexes/movies/search", Json("""{"q":""}"""));
        var otherIndex = await client.PostAsync("/indexes/books/search", Json("""{"q":""}"""));
        var write = await client.PostAsync("/indexes/movies/documents", Json("""[{"id":9}]"""));
        var createOther = await client.PostAsync("/indexes", Json("""{"uid":"other"}"""));
        var list = await ReadAsync(await client.GetAsync("/indexes"));
        var multi = await client.PostAsync("/multi-search", Json("""{"queries":[{"indexUid":"movies"},{"indexUid":"books"}]}"""));

        Assert.Equal(200, (int)search.StatusCode);
        await AssertErrorAsync(otherIndex, 403, "invalid_api_key");
        await AssertErrorAsync(write, 403, "invalid_api_key");
        await AssertErrorAsync(createOther, 403, "invalid_api_key");
        Assert.Equal(["movies"], list.GetProperty("results").EnumerateArray().Select(i => i.GetProperty("uid").GetString()));
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var multiError = await AssertErrorAsync(multi, 403, "invalid_api_key");
        Assert.StartsWith("Inside `.queries[1]`", multiError.GetProperty("message").GetString(), StringComparison.Ordinal);
        var (_, indexes, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes");
        Assert.DoesNotContain(indexes.GetProperty("results").EnumerateArray(), i => i.GetProperty("uid").GetString() == "other");
    }

    [Fact]
    public async Task ApiKey_RestrictedToOneIndex_SeesOnlyItsTasksAndStats()
    {
        await using var cluster = await KeyRoutesTests.StartAsync();
        await SeedAsync(cluster);
        var key = await CreateKeyAsync(cluster, """{"actions":["tasks.get","tasks.delete","stats.get"],"indexes":["movies"],"expiresAt":null}""");
        using var client = KeyRoutesTests.Bearer(cluster, key);
        var (_, all, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/tasks?indexUids=books");
        var booksTask = all.GetProperty("results")[0].GetProperty("uid").GetInt64();

        var tasks = await ReadAsync(await client.GetAsync("/tasks"));
        var stats = await ReadAsync(await client.GetAsync("/stats"));
        var hidden = await client.GetAsync($"/tasks/{booksTask}");

        Assert.NotEmpty(tasks.GetProperty("results").EnumerateArray());
        Assert.All(tasks.GetProperty("results").EnumerateArray(), t => Assert.Equal("movies", t.GetProperty("indexUid").GetString()));
        Assert.Equal(["movies"], stats.GetProperty("indexes").EnumerateObject().Select(p => p.Name));
        Assert.Equal(404, (int)hidden.StatusCode);

        // A deletion by this key only reaches its own index's tasks.
        using var deletion = JsonDocument.Parse(await (await client.DeleteAsync("/tasks?statuses=succeeded")).Content.ReadAsStringAsync());
        await cluster.WaitForSuccessAsync(deletion.RootElement.GetProperty("taskUid").GetInt64());
        var (_, books, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/tasks?indexUids=books");
        var (_, movies, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/tasks?indexUids=movies");
        Assert.Equal(1, books.GetProperty("total").GetInt32());
        Assert.Equal(0, movies.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ApiKey_MissingInvalidOrExpired_Refused()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await KeyRoutesTests.StartAsync(new ProxyServerOptions { TimeProvider = clock, TaskPollInterval = TimeSpan.FromMilliseconds(20) });
        var expiry = clock.GetUtcNow().AddDays(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var key = await CreateKeyAsync(cluster, $$"""{"actions":["version"],"indexes":["*"],"expiresAt":"{{expiry}}"}""");
        using var client = KeyRoutesTests.Bearer(cluster, key);
        using var anonymous = new HttpClient { BaseAddress = new Uri(cluster.Proxy.Url) };
        using var wrong = KeyRoutesTests.Bearer(cluster, "not-a-key");

        Assert.Equal(200, (int)(await client.GetAsync("/version")).StatusCode);
        await AssertErrorAsync(await anonymous.GetAsync("/version"), 401, "missing_authorization_header");
        await AssertErrorAsync(await wrong.GetAsync("/version"), 403, "invalid_api_key");
        await AssertErrorAsync(await client.GetAsync("/stats"), 403, "invalid_api_key");
        clock.Advance(TimeSpan.FromDays(2));
        await AssertErrorAsync(await client.GetAsync("/version"), 403, "invalid_api_key");
    }

    [Fact]
    public async Task TenantToken_SearchRulesFilterEveryNodeQuery()
    {
        await using var cluster = await KeyRoutesTests.StartAsync();
        await SeedAsync(cluster);
        var (uid, value) = await CreateKeyPairAsync(cluster, """{"actions":["search"],"indexes":["*"],"expiresAt":null}""");
        var token = TenantToken(uid, value, """{"movies":{"filter":"genre = action"}}""");
        using var tenant = KeyRoutesTests.Bearer(cluster, token);

        var post = await ReadAsync(await tenant.PostAsync("/indexes/movies/search", Json("""{"q":"","filter":"id > 2"}""")));
        var get = await ReadAsync(await tenant.GetAsync("/indexes/movies/search?q="));
        var multi = await ReadAsync(await tenant.PostAsync("/multi-search", Json("""{"queries":[{"indexUid":"movies","filter":["id < 3"]}]}""")));
        var facets = await ReadAsync(await tenant.PostAsync("/indexes/movies/facet-search", Json("""{"facetName":"genre"}""")));
        var books = await tenant.PostAsync("/indexes/books/search", Json("""{"q":""}"""));
        var noSearch = await tenant.GetAsync("/indexes/movies/documents");

        Assert.Equal([3L], Ids(post.GetProperty("hits")));
        Assert.Equal([2L, 3L], Ids(get.GetProperty("hits")).Order());
        Assert.Equal([2L], Ids(multi.GetProperty("results")[0].GetProperty("hits")));
        Assert.Equal(["action"], facets.GetProperty("facetHits").EnumerateArray().Select(h => h.GetProperty("value").GetString()));
        await AssertErrorAsync(books, 403, "invalid_api_key");
        await AssertErrorAsync(noSearch, 403, "invalid_api_key");
    }

    [Fact]
    public async Task TenantToken_FilterThatClosesTheRuleParenthesis_RefusedOnEverySearchRoute()
    {
        await using var cluster = await KeyRoutesTests.StartAsync();
        await SeedAsync(cluster);
        var (uid, value) = await CreateKeyPairAsync(cluster, """{"actions":["search"],"indexes":["*"],"expiresAt":null}""");
        using var tenant = KeyRoutesTests.Bearer(cluster, TenantToken(uid, value, """{"movies":{"filter":"genre = action"}}"""));
        const string Attack = "genre EXISTS) OR (genre EXISTS";

        var post = await tenant.PostAsync("/indexes/movies/search", Json($$"""{"filter":"{{Attack}}"}"""));
        var get = await tenant.GetAsync("/indexes/movies/search?filter=" + Uri.EscapeDataString(Attack));
        var multi = await tenant.PostAsync("/multi-search", Json($$"""{"queries":[{"indexUid":"movies","filter":"{{Attack}}"}]}"""));
        var federated = await tenant.PostAsync("/multi-search", Json($$"""{"federation":{},"queries":[{"indexUid":"movies","filter":"{{Attack}}"}]}"""));
        var facets = await tenant.PostAsync("/indexes/movies/facet-search", Json($$"""{"facetName":"genre","filter":"{{Attack}}"}"""));

        foreach (var response in new[] { post, get, multi, federated, facets })
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == 400, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode} {text}");
            Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("code").GetString() == "invalid_search_filter", $"{response.RequestMessage!.RequestUri}: {text}");
        }

        // A well-formed filter (string or GET array) is still ANDed with the rule.
        var valid = await ReadAsync(await tenant.GetAsync("/indexes/movies/search?filter=" + Uri.EscapeDataString("genre EXISTS OR id = 1")));
        var array = await ReadAsync(await tenant.GetAsync("/indexes/movies/search?filter=" + Uri.EscapeDataString("""["id > 2"]""")));
        Assert.Equal([2L, 3L], Ids(valid.GetProperty("hits")).Order());
        Assert.Equal([3L], Ids(array.GetProperty("hits")));
    }

    [Fact]
    public async Task TenantToken_BadSignatureOrExpired_Refused()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await KeyRoutesTests.StartAsync(new ProxyServerOptions { TimeProvider = clock, TaskPollInterval = TimeSpan.FromMilliseconds(20) });
        var (uid, value) = await CreateKeyPairAsync(cluster, """{"actions":["search"],"indexes":["*"],"expiresAt":null}""");
        var exp = clock.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds();
        using var forged = KeyRoutesTests.Bearer(cluster, TenantToken(uid, "not-the-key-value", """["*"]"""));
        using var expired = KeyRoutesTests.Bearer(cluster, TenantToken(uid, value, """["*"]""", exp: exp));

        await AssertErrorAsync(await forged.PostAsync("/indexes/movies/search", Json("{}")), 403, "invalid_api_key");
        var error = await AssertErrorAsync(await expired.PostAsync("/indexes/movies/search", Json("{}")), 403, "invalid_api_key");
        Assert.Equal($"Tenant token expired. Was valid up to `{exp}` and we're now `{clock.GetUtcNow().ToUnixTimeSeconds()}`.", error.GetProperty("message").GetString());
    }

    private static async Task SeedAsync(MiroirClusterFixture cluster)
    {
        foreach (var uid in new[] { "movies", "books" })
        {
            await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", $$"""{"uid":"{{uid}}","primaryKey":"id"}""")));
        }

        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Patch, "/indexes/movies/settings", """{"filterableAttributes":["genre","id"]}""")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents", Movies)));
    }

    private static async Task<string> CreateKeyAsync(MiroirClusterFixture cluster, string body) => (await CreateKeyPairAsync(cluster, body)).Key;

    private static async Task<(string Uid, string Key)> CreateKeyPairAsync(MiroirClusterFixture cluster, string body)
    {
        var (status, created, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/keys", body);
        Assert.True(status == 201, created.ToString());
        return (created.GetProperty("uid").GetString()!, created.GetProperty("key").GetString()!);
    }

    private static string TenantToken(string apiKeyUid, string signingKey, string searchRules, long? exp = null)
    {
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var head = B64("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var claims = $$"""{"apiKeyUid":"{{apiKeyUid}}","searchRules":{{searchRules}}{{(exp is { } e ? $",\"exp\":{e}" : "")}}}""";
        var body = B64(Encoding.UTF8.GetBytes(claims));
        var sig = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes(head + "." + body));
        return $"{head}.{body}.{B64(sig)}";
    }

    private static IEnumerable<long> Ids(JsonElement hits) => hits.EnumerateArray().Select(h => h.GetProperty("id").GetInt64());

    private static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, int status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status} {code}, got {(int)response.StatusCode}: {text}");
        var error = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal("auth", error.GetProperty("type").GetString());
        return error;
    }
}
