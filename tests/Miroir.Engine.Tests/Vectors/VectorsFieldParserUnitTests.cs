using Miroir.Meili.Errors;
using static Miroir.Engine.Tests.Vectors.VectorTestData;

namespace Miroir.Engine.Tests.Vectors;

public class VectorsFieldParserUnitTests
{
    [Theory]
    [InlineData("""{"manual": {"embeddings": [0, 0, 0]}}""",
        "Bad embedder configuration in the document with id: `0`. Missing field `._vectors.manual.regenerate`\n  - note: `._vectors.manual` must be an array of floats, an array of arrays of floats, or an object with field `regenerate`")]
    [InlineData("""{"manual": {"embeddings": true, "regenerate": true}}""",
        "Bad embedder configuration in the document with id: `0`. Invalid value type at `._vectors.manual.embeddings`: expected null or an array, but found a boolean: `true`")]
    [InlineData("""{"manual": {"embeddings": [true], "regenerate": true}}""",
        "Bad embedder configuration in the document with id: `0`. Invalid value type at `._vectors.manual.embeddings[0]`: expected a number or an array, but found a boolean: `true`")]
    [InlineData("""{"manual": {"embeddings": [[true]], "regenerate": false}}""",
        "Bad embedder configuration in the document with id: `0`. Invalid value type at `._vectors.manual.embeddings[0][0]`: expected a number, but found a boolean: `true`")]
    [InlineData("""{"manual": {"regenerate": false, "embeddings": [0.1, [0.2, 0.3]]}}""",
        "Bad embedder configuration in the document with id: `0`. Invalid value type at `._vectors.manual.embeddings[1]`: expected a number, but found an array: `[0.2,0.3]`")]
    [InlineData("""{"manual": {"regenerate": false, "embeddings": [[0.1, 0.2], 0.3]}}""",
        "Bad embedder configuration in the document with id: `0`. Invalid value type at `._vectors.manual.embeddings[1]`: expected an array, but found a number: `0.3`")]
    public void Parse_InvalidShape_ThrowsInvalidVectorsType(string vectors, string message)
    {
        var error = Assert.Throws<MeiliException>(() => Store().Parse("0", Json(vectors)));

        Assert.Equal(ErrorCode.InvalidVectorsType, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_VectorsNotAnObject_ThrowsInvalidVectorsType()
    {
        var error = Assert.Throws<MeiliException>(() => Store().Parse("7", Json("[1, 2]")));

        Assert.Equal(ErrorCode.InvalidVectorsType, error.Code);
        Assert.StartsWith("The `_vectors` field in the document with id: `7` is not an object.", error.Message);
        Assert.EndsWith("but instead got `[1,2]`", error.Message);
    }

    [Fact]
    public void Parse_WrongDimensions_ThrowsInvalidVectorDimensions()
    {
        var error = Assert.Throws<MeiliException>(() => Store().Parse("3", Json("""{"manual": [[1, 2, 3], [1, 2]]}""")));

        Assert.Equal(ErrorCode.InvalidVectorDimensions, error.Code);
        Assert.Equal("Invalid vector dimensions in document with id `3` in `._vectors.manual`.\n  - note: embedding #1 has dimensions 2\n  - note: embedder `manual` requires 3", error.Message);
    }

    [Theory]
    [InlineData("""{"manual": [1, 2, 3]}""")]
    [InlineData("""{"manual": [[1, 2, 3], [4, 5, 6]]}""")]
    [InlineData("""{"manual": {"regenerate": false, "embeddings": [1, 2, 3]}}""")]
    [InlineData("""{"manual": null, "other": [1]}""")]
    public void Parse_AcceptedShapes_DoNotThrow(string vectors)
    {
        var parsed = Store().Parse("1", Json(vectors));

        Assert.NotNull(parsed);
    }
}
