using Miroir.Meili.Errors;
using Miroir.Engine.Indexing;
using static Miroir.Engine.Tests.Vectors.VectorTestData;

namespace Miroir.Engine.Tests.Vectors;

public class VectorStoreUnitTests
{
    [Fact]
    public void Search_SingleVectors_OrdersByCosine()
    {
        var store = Store();
        store.Add(0, "a", Json("""{"manual": [1, 0, 0]}"""));
        store.Add(1, "b", Json("""{"manual": [0, 1, 0]}"""));
        store.Add(2, "c", Json("""{"manual": [1, 1, 0]}"""));

        var result = store.Search("manual", [1f, 0.1f, 0f], null, 10);

        Assert.Equal([0, 2, 1], result.Hits.Select(h => h.DocId));
        Assert.Equal(3, result.CandidateCount);
    }

    [Fact]
    public void Search_Score_IsOnePlusCosineOverTwo()
    {
        var store = Store();
        store.Add(0, "same", Json("""{"manual": [2, 0, 0]}"""));
        store.Add(1, "opposite", Json("""{"manual": [-1, 0, 0]}"""));
        store.Add(2, "orthogonal", Json("""{"manual": [0, 0, 5]}"""));

        var scores = store.Search("manual", [1f, 0f, 0f], null, 10).Hits.ToDictionary(h => h.DocId, h => h.Score);

        Assert.Equal(1.0, scores[0], 5);
        Assert.Equal(0.5, scores[2], 5);
        Assert.Equal(0.0, scores[1], 5);
    }

    [Fact]
    public void Search_MultiVectorDocument_UsesItsBestVector()
    {
        var store = Store();
        store.Add(0, "multi", Json("""{"manual": [[0, 0, 1], [1, 0, 0]]}"""));
        store.Add(1, "single", Json("""{"manual": [1, 0.5, 0]}"""));

        var result = store.Search("manual", [1f, 0f, 0f], null, 10);

        Assert.Equal(0, result.Hits[0].DocId);
        Assert.Equal(1.0, result.Hits[0].Score, 5);
    }

    [Fact]
    public void Search_TopK_KeepsOnlyTheBest()
    {
        var store = Store(dimensions: 2);
        for (var i = 0; i < 50; i++)
        {
            var angle = i * Math.PI / 100;
            store.Add(i, i.ToString(), Json($$"""{"manual": [{{Math.Cos(angle)}}, {{Math.Sin(angle)}}]}"""));
        }

        var result = store.Search("manual", [1f, 0f], null, 5);

        Assert.Equal([0, 1, 2, 3, 4], result.Hits.Select(h => h.DocId));
        Assert.Equal(50, result.CandidateCount);
    }

    [Fact]
    public void Search_Universe_FiltersAndAppendsVectorlessDocuments()
    {
        var store = Store();
        store.Add(0, "a", Json("""{"manual": [1, 0, 0]}"""));
        store.Add(1, "b", Json("""{"manual": [0, 1, 0]}"""));
        var universe = new DocSet();
        universe.Add(1);
        universe.Add(5);

        var result = store.Search("manual", [1f, 0f, 0f], universe, 10);

        Assert.Equal([1, 5], result.Hits.Select(h => h.DocId));
        Assert.Equal(0, result.Hits[1].Score);
        Assert.Equal(2, result.CandidateCount);
    }

    [Fact]
    public void Search_QueryOfWrongDimensions_Throws()
    {
        var store = Store();

        var error = Assert.Throws<MeiliException>(() => store.Search("manual", [1f, 0f], null, 10));

        Assert.Equal(ErrorCode.InvalidVectorDimensions, error.Code);
        Assert.Equal("Invalid vector dimensions: expected: `3`, found: `2`.", error.Message);
    }

    [Fact]
    public void Remove_Document_DisappearsFromSearch()
    {
        var store = Store();
        store.Add(0, "a", Json("""{"manual": [1, 0, 0]}"""));
        store.Add(1, "b", Json("""{"manual": [0, 1, 0]}"""));

        store.Remove(0);

        Assert.Equal([1], store.Search("manual", [1f, 0f, 0f], null, 10).Hits.Select(h => h.DocId));
    }

    [Fact]
    public void Add_NullEntry_ClearsVectorsButStaysUserProvided()
    {
        var store = Store();
        store.Add(0, "a", Json("""{"manual": [1, 0, 0]}"""));

        store.Add(0, "a", Json("""{"manual": null}"""));

        Assert.Equal(0, store.CountWithVectors("manual"));
        Assert.True(store.IsUserProvided("manual", 0));
    }

    [Fact]
    public void UpdateEmbedders_DimensionsChanged_DropsOldVectors()
    {
        var store = Store();
        store.Add(0, "a", Json("""{"manual": [1, 0, 0]}"""));

        store.UpdateEmbedders(new Dictionary<string, Miroir.Engine.Settings.EmbedderSettings> { ["manual"] = new() { Dimensions = 2 } });

        Assert.Equal(0, store.CountWithVectors("manual"));
    }

    [Fact]
    public void Move_ReplacedDocument_KeepsVectorsUnderNewId()
    {
        var store = Store();
        store.Add(0, "a", Json("""{"manual": [[1, 0, 0], [0, 1, 0]]}"""));

        store.Move(0, 7);

        var hits = store.Search("manual", [0f, 1f, 0f], null, 10).Hits;
        Assert.Equal([7], hits.Select(h => h.DocId));
        Assert.Equal(1.0, hits[0].Score, 5);
        Assert.True(store.IsUserProvided("manual", 7));
        Assert.False(store.IsUserProvided("manual", 0));
    }
}
