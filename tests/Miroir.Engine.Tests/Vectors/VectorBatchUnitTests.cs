using Miroir.Meili.Errors;
using Miroir.Engine.Vectors;
using static Miroir.Engine.Tests.Vectors.VectorTestData;

namespace Miroir.Engine.Tests.Vectors;

public class VectorBatchUnitTests
{
    [Fact]
    public void ThrowIfMissingVectors_DocumentsWithoutVectors_ReportsFirstAndCount()
    {
        var batch = new VectorBatch(Store());
        for (var i = 40; i < 45; i++)
        {
            batch.Add(i.ToString(), Json($$"""{"id": {{i}}, "name": "kefir"}"""), null);
        }

        var error = Assert.Throws<MeiliException>(batch.ThrowIfMissingVectors);

        Assert.Equal(ErrorCode.VectorEmbeddingError, error.Code);
        Assert.Equal("While embedding documents for embedder `manual`: no vectors provided for document `40` and at least 4 other document(s)\n- Note: `manual` has `source: userProvided`, so documents must provide embeddings as an array in `_vectors.manual`.\n- Hint: opt-out for a document with `_vectors.manual: null`", error.Message);
    }

    [Fact]
    public void ThrowIfMissingVectors_MisspelledField_HintsTheFix()
    {
        var batch = new VectorBatch(Store());
        batch.Add("42", Json("""{"id": 42, "_vector": {"manaul": [0, 0, 0]}}"""), null);

        var error = Assert.Throws<MeiliException>(batch.ThrowIfMissingVectors);

        Assert.EndsWith("\n- Hint: try replacing `_vector` by `_vectors` in 1 document(s).", error.Message);
    }

    [Fact]
    public void ThrowIfMissingVectors_MisspelledEmbedder_HintsTheFix()
    {
        var batch = new VectorBatch(Store());
        batch.Add("42", Json("""{"id": 42, "_vectors": {"manaul": [0, 0, 0]}}"""), null);

        var error = Assert.Throws<MeiliException>(batch.ThrowIfMissingVectors);

        Assert.EndsWith("\n- Hint: try replacing `_vectors.manaul` by `_vectors.manual` in 1 document(s).", error.Message);
    }

    [Fact]
    public void ThrowIfMissingVectors_ExistingUserProvidedDocument_KeepsItsVectors()
    {
        var store = Store();
        store.Add(0, "0", Json("""{"manual": [1, 0, 0]}"""));
        var batch = new VectorBatch(store);

        var vectors = batch.Add("0", Json("""{"id": 0, "name": "renamed"}"""), 0);
        batch.ThrowIfMissingVectors();
        store.Apply(0, vectors);

        Assert.Equal(1, store.CountWithVectors("manual"));
    }

    [Theory]
    [InlineData("""{"id": 1, "_vectors": {"manual": null}}""")]
    [InlineData("""{"id": 1, "_vectors": {"manual": {"regenerate": false}}}""")]
    [InlineData("""{"id": 1, "_vectors": {"manual": {"regenerate": true, "embeddings": [1, 2, 3]}}}""")]
    public void ThrowIfMissingVectors_OptOutOrProvided_Passes(string document)
    {
        var batch = new VectorBatch(Store());
        batch.Add("1", Json(document), null);

        batch.ThrowIfMissingVectors();
    }

    [Fact]
    public void ThrowIfMissingVectors_RegenerateWithoutEmbeddings_Fails()
    {
        var batch = new VectorBatch(Store());
        batch.Add("1", Json("""{"id": 1, "_vectors": {"manual": {"regenerate": true}}}"""), null);

        Assert.Throws<MeiliException>(batch.ThrowIfMissingVectors);
    }
}
