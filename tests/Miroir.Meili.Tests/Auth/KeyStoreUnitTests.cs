using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Miroir.Meili.Auth;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Tests.Auth;

public sealed class KeyStoreUnitTests
{
    private const string Master = "a-master-key-of-sixteen-bytes-or-more";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    private KeyStore NewStore()
    {
        var store = new KeyStore(Master, _clock);
        foreach (var m in store.DefaultKeyMutations())
        {
            store.Apply(m);
        }

        return store;
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    private static string Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void DeriveKey_MatchesHmacOfHyphenatedUid()
    {
        var uid = Guid.Parse("01b4bc42-eb33-4041-b481-254d00cce834");
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("master"), Encoding.UTF8.GetBytes("01b4bc42-eb33-4041-b481-254d00cce834")));
        Assert.Equal(expected, ApiKeyDerivation.DeriveKey(uid, "master"));
        Assert.Equal(64, expected.Length);
        Assert.NotEqual(expected, ApiKeyDerivation.DeriveKey(uid, "other"));
    }

    [Fact]
    public void DefaultKeys_CreatedOnceWithMeilisearchNamesAndActions()
    {
        var store = NewStore();
        Assert.Equal(["Default Admin API Key", "Default Search API Key"], store.Keys.Select(k => k.Name));
        Assert.Equal(["*"], store.Keys[0].Actions);
        Assert.Equal(["search"], store.Keys[1].Actions);
        Assert.All(store.Keys, k => Assert.Equal(["*"], k.Indexes));
        Assert.Empty(store.DefaultKeyMutations());
        Assert.Empty(new KeyStore(null).DefaultKeyMutations());
    }

    [Fact]
    public void Export_ReplayedIntoNewStore_SameKeysAndValues()
    {
        var store = NewStore();
        store.Apply(store.CreateMutation(Json("{\"actions\":[\"documents.*\"],\"indexes\":[\"movies\"],\"expiresAt\":null,\"name\":\"n\"}")));
        var copy = new KeyStore(Master, _clock);
        foreach (var record in store.Export())
        {
            copy.Apply(ApiKeyMutationJson.Read(ApiKeyMutationJson.ToBytes(record)));
        }

        Assert.Equal(3, copy.Keys.Count);
        Assert.Equal(Render(w => store.WriteList(w, 0, 20)), Render(w => copy.WriteList(w, 0, 20)));
    }

    [Fact]
    public void Create_FullBody_KeyShapeAndLookupByValueOrUid()
    {
        var store = NewStore();
        var m = store.CreateMutation(Json("""
            {"uid":"01b4bc42-eb33-4041-b481-254d00cce834","name":"Indexer","description":null,
             "actions":["documents.add"],"indexes":["products_*"],"expiresAt":"2030-01-01T00:00:00Z"}
            """));
        store.Apply(m);
        var value = store.KeyValue(m.Key);
        Assert.Same(store.Get(value), store.Get("01b4bc42-eb33-4041-b481-254d00cce834"));
        Assert.Equal(
            "{\"name\":\"Indexer\",\"description\":null,\"key\":\"" + value + "\",\"uid\":\"01b4bc42-eb33-4041-b481-254d00cce834\"," +
            "\"actions\":[\"documents.add\"],\"indexes\":[\"products_*\"],\"expiresAt\":\"2030-01-01T00:00:00Z\"," +
            "\"createdAt\":\"2026-01-02T03:04:05Z\",\"updatedAt\":\"2026-01-02T03:04:05Z\"}",
            Render(w => store.WriteKey(w, m.Key)));
    }

    [Theory]
    [InlineData("{\"indexes\":[\"*\"],\"expiresAt\":null}", "missing_api_key_actions", "Missing field `actions`")]
    [InlineData("{\"actions\":[\"*\"],\"expiresAt\":null}", "missing_api_key_indexes", "Missing field `indexes`")]
    [InlineData("{\"actions\":[\"*\"],\"indexes\":[\"*\"]}", "missing_api_key_expires_at", "Missing field `expiresAt`")]
    [InlineData("{\"actions\":[\"serch\"],\"indexes\":[\"*\"],\"expiresAt\":null}", "invalid_api_key_actions", "Unknown value `serch` at `.actions[0]`: did you mean `search`? expected one of `*`, `search`, `documents.*`, `documents.add`, `documents.get`, `documents.delete`, `indexes.*`, `indexes.create`, `indexes.get`, `indexes.update`, `indexes.delete`, `indexes.swap`, `tasks.*`, `tasks.cancel`, `tasks.delete`, `tasks.get`, `settings.*`, `settings.get`, `settings.update`, `stats.*`, `stats.get`, `metrics.*`, `metrics.get`, `dumps.*`, `dumps.create`, `snapshots.*`, `snapshots.create`, `version`, `keys.create`, `keys.get`, `keys.update`, `keys.delete`, `experimental.get`, `experimental.update`, `export`, `network.get`, `network.update`, `chatCompletions`, `chats.*`, `chats.get`, `chats.delete`, `chatsSettings.*`, `chatsSettings.get`, `chatsSettings.update`, `*.get`, `webhooks.get`, `webhooks.update`, `webhooks.delete`, `webhooks.create`, `webhooks.*`, `indexes.compact`, `fields.post`")]
    [InlineData("{\"actions\":\"*\",\"indexes\":[\"*\"],\"expiresAt\":null}", "invalid_api_key_actions", "Invalid value type at `.actions`: expected an array, but found a string: `\"*\"`")]
    [InlineData("{\"actions\":[\"*\"],\"indexes\":[\"a b\"],\"expiresAt\":null}", "invalid_api_key_indexes", "Invalid value at `.indexes[0]`: `a b` is not a valid index uid pattern. Index uid patterns can be an integer or a string containing only alphanumeric characters, hyphens (-), underscores (_), and optionally end with a star (*).")]
    [InlineData("{\"actions\":[\"*\"],\"indexes\":[\"*\"],\"expiresAt\":\"2020-01-01\"}", "invalid_api_key_expires_at", "Invalid value at `.expiresAt`: `2020-01-01` is not a valid date. It should follow the RFC 3339 format to represents a date or datetime in the future or specified as a null value. e.g. 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS'.")]
    [InlineData("{\"actions\":[\"*\"],\"indexes\":[\"*\"],\"expiresAt\":null,\"name\":5}", "invalid_api_key_name", "Invalid value type at `.name`: expected a string, but found a positive integer: `5`")]
    [InlineData("{\"actions\":[\"*\"],\"indexes\":[\"*\"],\"expiresAt\":null,\"uid\":\"doggo\"}", "invalid_api_key_uid", "Invalid value at `.uid`: invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `o` at 2")]
    [InlineData("{\"actions\":[\"*\"],\"indexes\":[\"*\"],\"expiresAt\":null,\"uid\":\"0123456789abc\"}", "invalid_api_key_uid", "Invalid value at `.uid`: invalid length: expected length 32 for simple format, found 13")]
    [InlineData("{\"actions\":[\"*\"],\"indexes\":[\"*\"],\"expiresAt\":null,\"uid\":\"0123-4567\"}", "invalid_api_key_uid", "Invalid value at `.uid`: invalid group count: expected 5, found 2")]
    [InlineData("{\"indexes\":[\"good doggo\"]}", "invalid_api_key_indexes", "Invalid value at `.indexes[0]`: `good doggo` is not a valid index uid pattern. Index uid patterns can be an integer or a string containing only alphanumeric characters, hyphens (-), underscores (_), and optionally end with a star (*).")]
    [InlineData("{\"expires_at\":\"doggo\"}", "bad_request", "Unknown field `expires_at`: did you mean `expiresAt`? expected one of `description`, `name`, `uid`, `actions`, `indexes`, `expiresAt`")]
    [InlineData("{\"actions\":[\"*\"],\"indexes\":[\"*\"],\"expiresAt\":null,\"key\":\"x\"}", "bad_request", "Unknown field `key`: expected one of `description`, `name`, `uid`, `actions`, `indexes`, `expiresAt`")]
    public void Create_Invalid_MeilisearchError(string body, string code, string message)
    {
        var e = Assert.Throws<MeiliException>(() => NewStore().CreateMutation(Json(body)));
        Assert.Equal(code, e.Code.Name);
        Assert.Equal(400, e.Code.Status);
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("2030-01-01")]
    [InlineData("2030-01-01 10:00:00")]
    [InlineData("2030-01-01T10:00:00")]
    [InlineData("2030-01-01T10:00:00+02:00")]
    public void Create_ExpiryFormats_Accepted(string date)
    {
        var m = NewStore().CreateMutation(Json($"{{\"actions\":[\"*\"],\"indexes\":[\"*\"],\"expiresAt\":\"{date}\"}}"));
        Assert.Equal(2030, m.Key.ExpiresAt!.Value.Year);
    }

    [Fact]
    public void Create_DuplicateUid_AlreadyExists409()
    {
        var store = NewStore();
        const string Body = "{\"uid\":\"01b4bc42-eb33-4041-b481-254d00cce834\",\"actions\":[\"*\"],\"indexes\":[\"*\"],\"expiresAt\":null}";
        store.Apply(store.CreateMutation(Json(Body)));
        var e = Assert.Throws<MeiliException>(() => store.CreateMutation(Json(Body)));
        Assert.Same(ErrorCode.ApiKeyAlreadyExists, e.Code);
        Assert.Equal(409, e.Code.Status);
        Assert.Equal("`01b4bc42-eb33-4041-b481-254d00cce834` already exists.", e.Message);
    }

    [Fact]
    public void Update_NameAndDescription_ChangedAndUpdatedAtMoves()
    {
        var store = NewStore();
        var key = store.Keys[0];
        _clock.Advance(TimeSpan.FromHours(1));
        var m = store.UpdateMutation(key.Uid.ToString(), Json("{\"name\":\"renamed\",\"description\":null}"));
        store.Apply(m);
        var updated = store.Get(key.Uid.ToString());
        Assert.Equal(("renamed", (string?)null), (updated.Name, updated.Description));
        Assert.Equal(_clock.GetUtcNow(), updated.UpdatedAt);
        Assert.Equal(key.CreatedAt, updated.CreatedAt);
    }

    [Theory]
    [InlineData("uid", "immutable_api_key_uid")]
    [InlineData("actions", "immutable_api_key_actions")]
    [InlineData("indexes", "immutable_api_key_indexes")]
    [InlineData("expiresAt", "immutable_api_key_expires_at")]
    [InlineData("createdAt", "immutable_api_key_created_at")]
    [InlineData("updatedAt", "immutable_api_key_updated_at")]
    public void Update_ImmutableField_ImmutableError(string field, string code)
    {
        var store = NewStore();
        // Validated before the lookup: an unknown key still reports the immutable field.
        var e = Assert.Throws<MeiliException>(() => store.UpdateMutation("doggo", Json($"{{\"{field}\":null}}")));
        Assert.Equal(code, e.Code.Name);
        Assert.Equal($"Immutable field `{field}`: expected one of `description`, `name`", e.Message);
    }

    [Fact]
    public void GetAndDelete_Unknown_NotFound404()
    {
        var store = NewStore();
        var e = Assert.Throws<MeiliException>(() => store.DeleteMutation("unknown-key"));
        Assert.Same(ErrorCode.ApiKeyNotFound, e.Code);
        Assert.Equal(404, e.Code.Status);
        Assert.Equal("API key `unknown-key` not found.", e.Message);
    }

    [Fact]
    public void Delete_Applied_KeyGone()
    {
        var store = NewStore();
        var value = store.KeyValue(store.Keys[1]);
        store.Apply(store.DeleteMutation(value));
        Assert.Single(store.Keys);
        Assert.Null(store.FindByValue(value));
    }

    [Fact]
    public void WriteList_Paged_ResultsOffsetLimitTotal()
    {
        var store = NewStore();
        var json = Render(w => store.WriteList(w, 1, 5));
        using var doc = JsonDocument.Parse(json);
        Assert.Single(doc.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal("Default Search API Key", doc.RootElement.GetProperty("results")[0].GetProperty("name").GetString());
        Assert.Equal((1, 5, 2), (doc.RootElement.GetProperty("offset").GetInt32(), doc.RootElement.GetProperty("limit").GetInt32(), doc.RootElement.GetProperty("total").GetInt32()));
    }

    [Fact]
    public void ParseListQuery_BadLimit_InvalidApiKeyLimit()
    {
        var e = Assert.Throws<MeiliException>(() => KeyStore.ParseListQuery([new("limit", "x")]));
        Assert.Same(ErrorCode.InvalidApiKeyLimit, e.Code);
        Assert.Equal("Invalid value in parameter `limit`: could not parse `x` as a positive integer", e.Message);
        Assert.Equal((3, 7), KeyStore.ParseListQuery([new("offset", "3"), new("limit", "7")]));
    }
}
