using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Miroir.Meili.Auth;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Tests.Auth;

public sealed class AuthorizerUnitTests
{
    private const string Master = "a-master-key-of-sixteen-bytes-or-more";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private readonly KeyStore _store;
    private readonly Authorizer _auth;

    public AuthorizerUnitTests()
    {
        _store = new KeyStore(Master, _clock);
        foreach (var m in _store.DefaultKeyMutations())
        {
            _store.Apply(m);
        }

        _auth = new Authorizer(_store, _clock);
    }

    private ApiKey AddKey(string body)
    {
        var m = _store.CreateMutation(JsonDocument.Parse(body).RootElement);
        _store.Apply(m);
        return m.Key;
    }

    private string Bearer(ApiKey key) => "Bearer " + _store.KeyValue(key);

    private static void AssertDenied(AuthDecision decision, ErrorCode code)
    {
        Assert.False(decision.IsAllowed);
        Assert.Same(code, decision.Error!.Code);
    }

    [Fact]
    public void Authorize_NoMasterKey_EverythingButKeys()
    {
        var open = new Authorizer(new KeyStore(null));
        Assert.True(open.Authorize(null, "documents.add", "movies").IsAllowed);
        var keys = open.Authorize(null, "keys.get", null);
        AssertDenied(keys, ErrorCode.MissingMasterKey);
        Assert.Equal("Meilisearch is running without a master key. To access this API endpoint, you must have set a master key at launch.", keys.Error!.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic abc")]
    [InlineData("Bearer ")]
    public void Authorize_NoBearer_MissingAuthorizationHeader401(string? header)
    {
        var d = _auth.Authorize(header, "search", "movies");
        AssertDenied(d, ErrorCode.MissingAuthorizationHeader);
        Assert.Equal(401, d.Error!.Code.Status);
        Assert.Equal("The Authorization header is missing. It must use the bearer authorization method.", d.Error.Message);
    }

    [Fact]
    public void Authorize_UnknownKey_InvalidApiKey403()
    {
        var d = _auth.Authorize("Bearer nope", "search", "movies");
        AssertDenied(d, ErrorCode.InvalidApiKey);
        Assert.Equal(403, d.Error!.Code.Status);
        Assert.Equal("The provided API key is invalid.", d.Error.Message);
    }

    [Fact]
    public void Authorize_MasterKey_AllowsKeyManagement()
    {
        var d = _auth.Authorize("Bearer " + Master, "keys.create", null);
        Assert.True(d.IsAllowed && d.IsMasterKey);
    }

    [Fact]
    public void Authorize_DefaultKeys_SearchOnlyVersusAdmin()
    {
        var admin = _store.Keys.Single(k => k.Name == "Default Admin API Key");
        var search = _store.Keys.Single(k => k.Name == "Default Search API Key");
        Assert.True(_auth.Authorize(Bearer(search), "search", "movies").IsAllowed);
        AssertDenied(_auth.Authorize(Bearer(search), "documents.add", "movies"), ErrorCode.InvalidApiKey);
        Assert.True(_auth.Authorize(Bearer(admin), "documents.add", "movies").IsAllowed);
        Assert.True(_auth.Authorize(Bearer(admin), "indexes.swap", null).IsAllowed);
        Assert.True(_auth.Authorize(Bearer(admin), "keys.get", null).IsAllowed);
        AssertDenied(_auth.Authorize(Bearer(search), "keys.get", null), ErrorCode.InvalidApiKey);
    }

    [Fact]
    public void Authorize_WildcardActionAndIndexPattern_Scoped()
    {
        var key = AddKey("{\"actions\":[\"documents.*\",\"keys.get\"],\"indexes\":[\"products_*\"],\"expiresAt\":null}");
        Assert.True(_auth.Authorize(Bearer(key), "documents.delete", "products_fr").IsAllowed);
        Assert.True(_auth.Authorize(Bearer(key), "keys.get", null).IsAllowed);
        AssertDenied(_auth.Authorize(Bearer(key), "documents.add", "movies"), ErrorCode.InvalidApiKey);
        AssertDenied(_auth.Authorize(Bearer(key), "settings.get", "products_fr"), ErrorCode.InvalidApiKey);
        var listing = _auth.Authorize(Bearer(key), "documents.get", null);
        Assert.True(listing.IsIndexAuthorized("products_en"));
        Assert.False(listing.IsIndexAuthorized("movies"));
    }

    [Fact]
    public void Authorize_AllGetAction_ReadOnly()
    {
        var key = AddKey("{\"actions\":[\"*.get\"],\"indexes\":[\"*\"],\"expiresAt\":null}");
        Assert.True(_auth.Authorize(Bearer(key), "settings.get", "movies").IsAllowed);
        Assert.True(_auth.Authorize(Bearer(key), "tasks.get", null).IsAllowed);
        AssertDenied(_auth.Authorize(Bearer(key), "settings.update", "movies"), ErrorCode.InvalidApiKey);
        AssertDenied(_auth.Authorize(Bearer(key), "search", "movies"), ErrorCode.InvalidApiKey);
    }

    [Fact]
    public void Authorize_ExpiredKey_Refused()
    {
        var key = AddKey("{\"actions\":[\"*\"],\"indexes\":[\"*\"],\"expiresAt\":\"2026-01-03\"}");
        Assert.True(_auth.Authorize(Bearer(key), "search", "movies").IsAllowed);
        _clock.Advance(TimeSpan.FromDays(2));
        AssertDenied(_auth.Authorize(Bearer(key), "search", "movies"), ErrorCode.InvalidApiKey);
    }

    private string Token(ApiKey parent, string claims, string alg = "HS256", string? secret = null)
    {
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var head = B64(Encoding.UTF8.GetBytes($"{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}"));
        var body = B64(Encoding.UTF8.GetBytes(claims.Replace("UID", parent.Uid.ToString(), StringComparison.Ordinal)));
        var key = Encoding.UTF8.GetBytes(secret ?? _store.KeyValue(parent));
        var data = Encoding.ASCII.GetBytes(head + "." + body);
        var sig = alg switch
        {
            "HS384" => HMACSHA384.HashData(key, data),
            "HS512" => HMACSHA512.HashData(key, data),
            _ => HMACSHA256.HashData(key, data),
        };
        return $"Bearer {head}.{body}.{B64(sig)}";
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("HS384")]
    [InlineData("HS512")]
    public void Authorize_TenantToken_FilterPerIndex(string alg)
    {
        var search = _store.Keys.Single(k => k.Name == "Default Search API Key");
        var token = Token(search, "{\"apiKeyUid\":\"UID\",\"searchRules\":{\"*\":null,\"movies\":{\"filter\":\"user = 1\"},\"mov*\":{\"filter\":\"x = 2\"}}}", alg);
        var d = _auth.Authorize(token, "search", "movies");
        Assert.True(d.IsAllowed);
        Assert.Equal("user = 1", d.TenantFilter("movies")!.Value.GetString());
        Assert.Equal("x = 2", d.TenantFilter("movies2")!.Value.GetString());
        Assert.Null(d.TenantFilter("books"));
        AssertDenied(_auth.Authorize(token, "documents.get", "movies"), ErrorCode.InvalidApiKey);
    }

    [Fact]
    public void Authorize_TenantTokenArrayRules_IndexScope()
    {
        var search = _store.Keys.Single(k => k.Name == "Default Search API Key");
        var token = Token(search, "{\"apiKeyUid\":\"UID\",\"searchRules\":[\"movies\"]}");
        Assert.True(_auth.Authorize(token, "search", "movies").IsAllowed);
        AssertDenied(_auth.Authorize(token, "search", "books"), ErrorCode.InvalidApiKey);
        var multi = _auth.Authorize(token, "search", null);
        Assert.True(multi.IsIndexAuthorized("movies"));
        Assert.False(multi.IsIndexAuthorized("books"));
    }

    [Fact]
    public void Authorize_TenantTokenForgedOrExpired_Refused()
    {
        var search = _store.Keys.Single(k => k.Name == "Default Search API Key");
        AssertDenied(_auth.Authorize(Token(search, "{\"apiKeyUid\":\"UID\",\"searchRules\":[\"*\"]}", secret: "wrong"), "search", "movies"), ErrorCode.InvalidApiKey);
        var exp = _clock.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds();
        var token = Token(search, $"{{\"apiKeyUid\":\"UID\",\"searchRules\":[\"*\"],\"exp\":{exp}}}");
        Assert.True(_auth.Authorize(token, "search", "movies").IsAllowed);
        _clock.Advance(TimeSpan.FromMinutes(10));
        AssertDenied(_auth.Authorize(token, "search", "movies"), ErrorCode.InvalidApiKey);
        AssertDenied(_auth.Authorize(Token(search, "{\"apiKeyUid\":\"UID\",\"searchRules\":[\"*\"]}", alg: "none"), "search", "movies"), ErrorCode.InvalidApiKey);
    }

    [Fact]
    public void Authorize_TenantTokenExpired_NamesExpAndNowInUnixSeconds()
    {
        var search = _store.Keys.Single(k => k.Name == "Default Search API Key");
        var exp = _clock.GetUtcNow().ToUnixTimeSeconds();
        var token = Token(search, $"{{\"apiKeyUid\":\"UID\",\"searchRules\":[\"*\"],\"exp\":{exp}}}");
        Assert.True(_auth.Authorize(token, "search", "movies").IsAllowed); // valid through the second of `exp`, as in Meilisearch

        _clock.Advance(TimeSpan.FromSeconds(61));
        var refused = _auth.Authorize(token, "search", "movies");

        AssertDenied(refused, ErrorCode.InvalidApiKey);
        Assert.Equal($"Tenant token expired. Was valid up to `{exp}` and we're now `{exp + 61}`.", refused.Error!.Message);
    }

    [Fact]
    public void Authorize_TenantTokenParentWithoutSearch_Refused()
    {
        var key = AddKey("{\"actions\":[\"documents.add\"],\"indexes\":[\"*\"],\"expiresAt\":null}");
        AssertDenied(_auth.Authorize(Token(key, "{\"apiKeyUid\":\"UID\",\"searchRules\":[\"*\"]}"), "search", "movies"), ErrorCode.InvalidApiKey);
    }

    [Fact]
    public void Authorize_TenantTokenParentIndexScope_Applies()
    {
        var key = AddKey("{\"actions\":[\"search\"],\"indexes\":[\"movies\"],\"expiresAt\":null}");
        var token = Token(key, "{\"apiKeyUid\":\"UID\",\"searchRules\":[\"*\"]}");
        Assert.True(_auth.Authorize(token, "search", "movies").IsAllowed);
        AssertDenied(_auth.Authorize(token, "search", "books"), ErrorCode.InvalidApiKey);
    }

    [Theory]
    [InlineData("\"a = 1\"", "\"b = 2\"", "[\"a = 1\",\"b = 2\"]")]
    [InlineData("[\"a = 1\",[\"c = 3\",\"d = 4\"]]", "\"b = 2\"", "[\"a = 1\",[\"c = 3\",\"d = 4\"],\"b = 2\"]")]
    [InlineData("\"a = 1\"", "[\"b = 2\"]", "[\"a = 1\",\"b = 2\"]")]
    public void Fuse_TwoFilters_BothApply(string request, string tenant, string expected)
    {
        var fused = TenantFilters.Fuse(JsonDocument.Parse(request).RootElement, JsonDocument.Parse(tenant).RootElement);
        Assert.Equal(expected, fused!.Value.GetRawText());
        Assert.Equal(tenant, TenantFilters.Fuse(null, JsonDocument.Parse(tenant).RootElement)!.Value.GetRawText());
    }
}
