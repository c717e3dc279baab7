using System.Text;
using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Engine.Indexing;
using Miroir.Engine.Search;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Tests.Indexing;

public sealed class EngineIndexUnitTests
{
    [Fact]
    public void AddDocuments_IntegerAndStringIds_AreTheSameDocument()
    {
        using var index = TestIndex.Create(null, """{"id":1,"title":"first"}""");
        index.AddDocuments(TestIndex.Docs("""{"id":"1","title":"second"}"""), updateExisting: false);
        Assert.Equal(1, index.DocumentCount);
        Assert.True(index.TryGetDocument("1", retrieveVectors: false, out var json));
        Assert.Contains("second", Encoding.UTF8.GetString(json.Span));
    }

    [Fact]
    public void AddDocuments_MissingPrimaryKey_FailsWholeBatch()
    {
        using var index = TestIndex.Create();
        var ex = Assert.Throws<MeiliException>(() => index.AddDocuments(
            TestIndex.Docs("""{"id":1,"t":"a"}""", """{"t":"b"}"""), updateExisting: false));
        Assert.Equal(ErrorCode.MissingDocumentId, ex.Code);
        Assert.Equal("Document doesn't have a `id` attribute: `{\"t\":\"b\"}`.", ex.Message);
        Assert.Equal(0, index.DocumentCount);
    }

    [Theory]
    [InlineData("""{"id":"a b"}""")]
    [InlineData("""{"id":1.5}""")]
    [InlineData("""{"id":true}""")]
    [InlineData("""{"id":""}""")]
    public void AddDocuments_InvalidId_Throws(string doc)
    {
        using var index = TestIndex.Create();
        var ex = Assert.Throws<MeiliException>(() => index.AddDocuments(TestIndex.Docs(doc), false));
        Assert.Equal(ErrorCode.InvalidDocumentId, ex.Code);
    }

    [Fact]
    public void AddDocuments_Update_MergesTopLevelFields()
    {
        using var index = TestIndex.Create(null, """{"id":1,"a":"x","b":"y"}""");
        index.AddDocuments(TestIndex.Docs("""{"id":1,"b":"z","c":3}"""), updateExisting: true);
        Assert.True(index.TryGetDocument("1", retrieveVectors: false, out var json));
        Assert.Equal("""{"id":1,"a":"x","b":"z","c":3}""", Encoding.UTF8.GetString(json.Span));
        Assert.Equal(["1"], TestIndex.Search(index, "z"));
        Assert.Empty(TestIndex.Search(index, "y"));
    }

    [Fact]
    public void AddDocuments_DuplicateInBatch_LastWins()
    {
        using var index = TestIndex.Create(null, """{"id":1,"a":"old"}""", """{"id":1,"a":"new"}""");
        Assert.Equal(1, index.DocumentCount);
        Assert.Equal(["1"], TestIndex.Search(index, "new"));
        Assert.Empty(TestIndex.Search(index, "old"));
    }

    [Fact]
    public void AddDocuments_NoPrimaryKey_InfersSingleIdField()
    {
        using var index = new EngineIndex("t", null, IndexSettings.Default);
        index.AddDocuments(TestIndex.Docs("""{"productId":7,"name":"x"}"""), false);
        Assert.Equal("productId", index.PrimaryKey);
        var ex = Assert.Throws<MeiliException>(() => new EngineIndex("u", null, IndexSettings.Default)
            .AddDocuments(TestIndex.Docs("""{"aid":1,"bid":2}"""), false));
        Assert.Equal(ErrorCode.IndexPrimaryKeyMultipleCandidatesFound, ex.Code);
    }

    [Fact]
    public void DeleteDocuments_RemovesFromSearchAndStats()
    {
        using var index = TestIndex.Create(null, """{"id":1,"t":"apple"}""", """{"id":2,"t":"apple","x":1}""");
        Assert.Equal(1, index.DeleteDocuments(["2", "404"]));
        Assert.Equal(["1"], TestIndex.Search(index, "apple"));
        var stats = index.GetStats();
        Assert.Equal(1, stats.NumberOfDocuments);
        Assert.False(stats.FieldDistribution.ContainsKey("x"));
        Assert.Equal(1, stats.FieldDistribution["t"]);
    }

    [Fact]
    public void GetDocuments_PagesInInsertionOrder()
    {
        using var index = TestIndex.Create(null, """{"id":"b"}""", """{"id":"a"}""", """{"id":"c"}""");
        var page = index.GetDocuments(1, 1, null, null, retrieveVectors: false);
        Assert.Equal(3, page.Total);
        Assert.Equal("""{"id":"a"}""", Encoding.UTF8.GetString(page.Results[0].Span));
        var byIds = index.GetDocuments(0, 10, null, ["c", "zz"], retrieveVectors: false);
        Assert.Equal(1, byIds.Total);
    }

    [Fact]
    public void Clear_RemovesEverything()
    {
        using var index = TestIndex.Create(null, """{"id":1,"t":"apple"}""");
        Assert.Equal(1, index.Clear());
        Assert.Equal(0, index.DocumentCount);
        Assert.Empty(TestIndex.Search(index, "apple"));
    }

    [Fact]
    public void UpdateSettings_SearchableAttributes_Reindexes()
    {
        using var index = TestIndex.Create(null, """{"id":1,"a":"apple","b":"banana"}""");
        index.UpdateSettings(IndexSettings.Default with { SearchableAttributes = ["b"] });
        Assert.Empty(TestIndex.Search(index, "apple"));
        Assert.Equal(["1"], TestIndex.Search(index, "banana"));
    }

    [Fact]
    public void Search_Response_HasMeilisearchShape()
    {
        using var index = TestIndex.Create(null, """{"id":1,"title":"Hello world"}""");
        var response = TestIndex.Response(index.Search(new SearchRequest { Q = "hello" }));
        Assert.Equal(1, response.GetProperty("hits").GetArrayLength());
        Assert.Equal("hello", response.GetProperty("query").GetString());
        Assert.Equal(20, response.GetProperty("limit").GetInt32());
        Assert.Equal(0, response.GetProperty("offset").GetInt32());
        Assert.Equal(1, response.GetProperty("estimatedTotalHits").GetInt32());
        Assert.Equal(JsonValueKind.Number, response.GetProperty("processingTimeMs").ValueKind);
    }
}
