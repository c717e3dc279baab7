using System.Net;
using System.Text.Json;
using Miroir.Engine.Tests.Node;

namespace Miroir.Engine.Tests.Http;

/// <summary>
/// What the documents routes show: every stored field whatever <c>displayedAttributes</c> says (Meilisearch
/// v0.28+), restricted only by <c>fields</c>; <c>_vectors</c> only with <c>retrieveVectors</c>.
/// </summary>
public sealed class DocumentDisplayTests
{
    private const string Doc = """[{"id":1,"title":"Alpha","genre":"drama","_vectors":{"manual":[0.1,0.2,0.3]}}]""";

    public static TheoryData<string> Routes => new() { "one", "list", "fetch" };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Documents_DisplayedAttributesRestricted_StillReturnEveryField(string route)
    {
        await using var node = await StartAsync("""{"displayedAttributes":["title"]}""");

        var doc = await GetAsync(node, route, fields: null, retrieveVectors: null);

        Assert.Equal(["genre", "id", "title"], Names(doc));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Documents_Fields_RestrictWhateverTheDisplayedAttributes(string route)
    {
        await using var node = await StartAsync("""{"displayedAttributes":["title"]}""");

        var doc = await GetAsync(node, route, fields: ["genre", "id"], retrieveVectors: null);

        Assert.Equal(["genre", "id"], Names(doc));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Documents_WithoutRetrieveVectors_HideVectors(string route)
    {
        await using var node = await StartAsync(Embedder);

        Assert.DoesNotContain("_vectors", Names(await GetAsync(node, route, fields: null, retrieveVectors: null)));
        Assert.DoesNotContain("_vectors", Names(await GetAsync(node, route, fields: null, retrieveVectors: false)));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Documents_RetrieveVectors_ShowEmbeddingsInMeilisearchShape(string route)
    {
        await using var node = await StartAsync(Embedder);

        var doc = await GetAsync(node, route, fields: null, retrieveVectors: true);

        var manual = doc.GetProperty("_vectors").GetProperty("manual");
        Assert.False(manual.GetProperty("regenerate").GetBoolean());
        var embedding = Assert.Single(manual.GetProperty("embeddings").EnumerateArray());
        Assert.Equal([0.1, 0.2, 0.3], embedding.EnumerateArray().Select(v => Math.Round(v.GetDouble(), 5)));
        Assert.Equal("Alpha", doc.GetProperty("title").GetString());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Documents_RetrieveVectorsWithFields_KeepVectors(string route)
    {
        await using var node = await StartAsync(Embedder);

        var doc = await GetAsync(node, route, fields: ["title"], retrieveVectors: true);

        Assert.Equal(["_vectors", "title"], Names(doc));
    }

    [Theory]
    [InlineData("/indexes/b/documents/1?retrieveVectors=yes", "yes")]
    [InlineData("/indexes/b/documents?retrieveVectors=True", "True")]
    [InlineData("/indexes/b/documents?retrieveVectors=", "")]
    public async Task Documents_InvalidRetrieveVectorsParameter_Returns400(string path, string value)
    {
        await using var node = await StartAsync(Embedder);

        var response = await node.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await TestNode.JsonAsync(response);
        Assert.Equal("invalid_document_retrieve_vectors", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request", error.GetProperty("type").GetString());
        Assert.Equal($"Invalid value in parameter `retrieveVectors`: could not parse `{value}` as a boolean, expected either `true` or `false`",
            error.GetProperty("message").GetString());
        Assert.Equal("https://docs.meilisearch.com/errors#invalid_document_retrieve_vectors", error.GetProperty("link").GetString());
    }

    [Theory]
    [InlineData("\"true\"", "a string: `\"true\"`")]
    [InlineData("1", "a positive integer: `1`")]
    [InlineData("null", "null")]
    public async Task Documents_InvalidRetrieveVectorsInFetchBody_Returns400(string value, string found)
    {
        await using var node = await StartAsync(Embedder);

        var response = await node.SendJsonAsync(HttpMethod.Post, "/indexes/b/documents/fetch", $$"""{"retrieveVectors":{{value}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await TestNode.JsonAsync(response);
        Assert.Equal("invalid_document_retrieve_vectors", error.GetProperty("code").GetString());
        Assert.Equal($"Invalid value type at `.retrieveVectors`: expected a boolean, but found {found}", error.GetProperty("message").GetString());
    }

    private const string Embedder = """{"embedders":{"manual":{"source":"userProvided","dimensions":3}}}""";

    private static async Task<TestNode> StartAsync(string settings)
    {
        var node = await TestNode.StartAsync();
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes", """{"uid":"b","primaryKey":"id"}""");
        var updated = await node.WriteAndWaitAsync(HttpMethod.Patch, "/indexes/b/settings", settings);
        Assert.Equal("succeeded", updated.GetProperty("status").GetString());
        var added = await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents", Doc);
        Assert.Equal("succeeded", added.GetProperty("status").GetString());
        return node;
    }

    /// <summary>Document 1 through one of the three read routes.</summary>
    private static async Task<JsonElement> GetAsync(TestNode node, string route, string[]? fields, bool? retrieveVectors)
    {
        var query = new List<string>();
        if (fields is not null)
        {
            query.Add("fields=" + string.Join(',', fields));
        }
        if (retrieveVectors is { } r)
        {
            query.Add("retrieveVectors=" + (r ? "true" : "false"));
        }
        var queryString = query.Count == 0 ? "" : "?" + string.Join('&', query);
        switch (route)
        {
            case "one":
                return await node.GetJsonAsync("/indexes/b/documents/1" + queryString);
            case "list":
                return Single(await node.GetJsonAsync("/indexes/b/documents" + queryString));
            default:
                var json = FetchBody(fields, retrieveVectors);
                var response = await node.SendJsonAsync(HttpMethod.Post, "/indexes/b/documents/fetch", json);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return Single(await TestNode.JsonAsync(response));
        }
    }

    private static string FetchBody(string[]? fields, bool? retrieveVectors)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (fields is not null)
            {
                writer.WriteStartArray("fields");
                foreach (var field in fields)
                {
                    writer.WriteStringValue(field);
                }
                writer.WriteEndArray();
            }
            if (retrieveVectors is { } r)
            {
                writer.WriteBoolean("retrieveVectors", r);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static JsonElement Single(JsonElement page) => Assert.Single(page.GetProperty("results").EnumerateArray());

    private static List<string> Names(JsonElement doc) => [.. doc.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
