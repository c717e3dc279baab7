using Miroir.Meili.Errors;
using Miroir.Engine.Indexing;
using Miroir.Engine.Search;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Tests.Vectors;

public sealed class EngineIndexVectorsUnitTests
{
    private static readonly IndexSettings WithEmbedder = IndexSettings.Default with
    {
        Embedders = new Dictionary<string, EmbedderSettings> { ["manual"] = new() { Dimensions = 3 } },
    };

    private static EngineIndex Kitchen() => TestIndex.Create(WithEmbedder,
        """{"id": 0, "text": "frying pan", "_vectors": {"manual": [0, 0.8, -0.2]}}""",
        """{"id": 1, "text": "baking dish", "_vectors": {"manual": [1, -0.2, 0]}}""",
        """{"id": 2, "text": "pan lid", "_vectors": {"manual": [[0.5, 0.5, 0], [0, 0, 1]]}}""");

    [Fact]
    public void Search_VectorOnly_RanksBySimilarityAndReportsSemanticHitCount()
    {
        using var index = Kitchen();

        var result = index.Search(new SearchRequest { Vector = [1, 0, 0], Hybrid = new HybridQuery("manual"), ShowRankingScore = true });

        Assert.Equal(["1", "2", "0"], TestIndex.Ids(result));
        var response = TestIndex.Response(result);
        Assert.Equal(3, response.GetProperty("semanticHitCount").GetInt32());
        Assert.Equal(3, response.GetProperty("estimatedTotalHits").GetInt32());
        var first = response.GetProperty("hits")[0];
        Assert.False(first.TryGetProperty("_vectors", out _));
        Assert.True(first.GetProperty("_rankingScore").GetDouble() > 0.9);
    }

    [Fact]
    public void Search_RetrieveVectors_ShowsEmbeddingsWithRegenerateFalse()
    {
        using var index = Kitchen();

        var result = index.Search(new SearchRequest { Q = "lid", RetrieveVectors = true });

        var vectors = TestIndex.Response(result).GetProperty("hits")[0].GetProperty("_vectors").GetProperty("manual");
        Assert.False(vectors.GetProperty("regenerate").GetBoolean());
        Assert.Equal(2, vectors.GetProperty("embeddings").GetArrayLength());
        Assert.Equal(3, vectors.GetProperty("embeddings")[1].GetArrayLength());
    }

    [Fact]
    public void Search_KeywordOnly_HidesStoredVectors()
    {
        using var index = Kitchen();

        var hit = TestIndex.Response(index.Search(new SearchRequest { Q = "pan" })).GetProperty("hits")[0];

        Assert.False(hit.TryGetProperty("_vectors", out _));
        Assert.True(hit.TryGetProperty("text", out _));
    }

    [Fact]
    public void Search_HybridLowRatio_KeepsKeywordOrder()
    {
        using var index = Kitchen();

        var keyword = TestIndex.Ids(index.Search(new SearchRequest { Q = "pan" }));
        var hybrid = TestIndex.Ids(index.Search(new SearchRequest { Q = "pan", Vector = [1, 0, 0], Hybrid = new HybridQuery("manual", 0.01) }));

        Assert.Equal(keyword, hybrid.Take(keyword.Count));
    }

    [Fact]
    public void Search_RankingScoreDetails_HasVectorSort()
    {
        using var index = Kitchen();

        var result = index.Search(new SearchRequest { Vector = [1, 0, 0], Hybrid = new HybridQuery("manual", 1.0), ShowRankingScoreDetails = true });

        var details = TestIndex.Response(result).GetProperty("hits")[0].GetProperty("_rankingScoreDetails").GetProperty("vectorSort");
        Assert.Equal(0, details.GetProperty("order").GetInt32());
        Assert.True(details.GetProperty("similarity").GetDouble() > 0.9);
    }

    [Fact]
    public void Search_UnknownEmbedder_Throws()
    {
        using var index = Kitchen();

        var error = Assert.Throws<MeiliException>(() => index.Search(new SearchRequest { Vector = [1, 0, 0], Hybrid = new HybridQuery("other") }));

        Assert.Equal(ErrorCode.InvalidSearchEmbedder, error.Code);
    }

    [Fact]
    public void AddDocuments_MissingVectors_FailsWholeBatch()
    {
        using var index = Kitchen();

        var error = Assert.Throws<MeiliException>(() => index.AddDocuments(
            TestIndex.Docs("""{"id": 5, "_vectors": {"manual": [1, 1, 1]}}""", """{"id": 6, "text": "bowl"}"""), updateExisting: false));

        Assert.Equal(ErrorCode.VectorEmbeddingError, error.Code);
        Assert.Equal(3, index.DocumentCount);
    }

    [Fact]
    public void AddDocuments_ReplaceWithoutVectors_KeepsTheVectors()
    {
        using var index = Kitchen();

        index.AddDocuments(TestIndex.Docs("""{"id": 1, "text": "baking tray"}"""), updateExisting: false);

        var result = index.Search(new SearchRequest { Vector = [1, 0, 0], Hybrid = new HybridQuery("manual", 1.0), Limit = 1 });
        Assert.Equal(["1"], TestIndex.Ids(result));
    }

    [Fact]
    public void DeleteDocuments_RemovesFromSemanticSearch()
    {
        using var index = Kitchen();

        index.DeleteDocuments(["1"]);

        var result = index.Search(new SearchRequest { Vector = [1, 0, 0], Hybrid = new HybridQuery("manual", 1.0) });
        Assert.DoesNotContain("1", TestIndex.Ids(result));
        Assert.Equal(2, result.TotalHits);
    }

    [Fact]
    public void UpdateSettings_NewEmbedder_PicksUpStoredVectors()
    {
        using var index = TestIndex.Create(null,
            """{"id": 0, "_vectors": {"late": [0, 1]}}""",
            """{"id": 1, "_vectors": {"late": [1, 0]}}""");

        index.UpdateSettings(IndexSettings.Default with
        {
            Embedders = new Dictionary<string, EmbedderSettings> { ["late"] = new() { Dimensions = 2 } },
        });

        var result = index.Search(new SearchRequest { Vector = [1, 0], Hybrid = new HybridQuery("late", 1.0) });
        Assert.Equal(["1", "0"], TestIndex.Ids(result));
    }

    [Fact]
    public void ExportDocuments_ReaddedToFreshIndex_RestoresTheVectors()
    {
        using var index = Kitchen();
        index.AddDocuments(TestIndex.Docs("""{"id": 1, "text": "baking tray"}"""), updateExisting: false);
        index.AddDocuments(TestIndex.Docs("""{"id": 3, "text": "no vector", "_vectors": {"manual": null}}"""), updateExisting: false);
        var request = new SearchRequest { Vector = [1, 0, 0], Hybrid = new HybridQuery("manual", 1.0) };
        var expected = TestIndex.Ids(index.Search(request));

        using var restored = TestIndex.Create(WithEmbedder);
        restored.AddDocuments(index.ExportDocuments(), updateExisting: false);

        Assert.Equal(expected, TestIndex.Ids(restored.Search(request)));
        Assert.Equal(4, restored.DocumentCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryGetDocument_ShowsVectorsOnlyWhenRetrieved(bool retrieveVectors)
    {
        using var index = Kitchen();
        Assert.True(index.TryGetDocument("0", retrieveVectors, out var json));
        var page = index.GetDocuments(0, 1, null, ["0"], retrieveVectors);

        var shown = System.Text.Json.JsonDocument.Parse(json).RootElement;

        Assert.Equal(json.ToArray(), Assert.Single(page.Results).ToArray());
        Assert.Equal("frying pan", shown.GetProperty("text").GetString());
        Assert.Equal(retrieveVectors, shown.TryGetProperty("_vectors", out var vectors));
        if (retrieveVectors)
        {
            Assert.Equal(0.8, vectors.GetProperty("manual").GetProperty("embeddings")[0][1].GetDouble(), 5);
        }
    }
}
