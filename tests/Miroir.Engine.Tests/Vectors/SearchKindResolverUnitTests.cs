using Miroir.Meili.Errors;
using Miroir.Engine.Search;
using Miroir.Engine.Vectors;
using static Miroir.Engine.Tests.Vectors.VectorTestData;

namespace Miroir.Engine.Tests.Vectors;

public class SearchKindResolverUnitTests
{
    private static readonly VectorStore Vectors = Store();

    [Fact]
    public void Resolve_NoVectorAndBlankQuery_IsKeywordEvenWithUnknownEmbedder()
    {
        var kind = SearchKindResolver.Resolve(new SearchRequest { Q = "  ", Hybrid = new HybridQuery("nope") }, Vectors);

        Assert.Equal(SearchKindType.KeywordOnly, kind.Type);
    }

    [Fact]
    public void Resolve_VectorWithoutHybrid_ThrowsMissingSearchHybrid()
    {
        var error = Assert.Throws<MeiliException>(() =>
            SearchKindResolver.Resolve(new SearchRequest { Vector = [1, 2, 3] }, Vectors));

        Assert.Equal(ErrorCode.MissingSearchHybrid, error.Code);
    }

    [Fact]
    public void Resolve_UnknownEmbedder_ThrowsInvalidSearchEmbedder()
    {
        var error = Assert.Throws<MeiliException>(() =>
            SearchKindResolver.Resolve(new SearchRequest { Q = "a", Hybrid = new HybridQuery("nope") }, Vectors));

        Assert.Equal(ErrorCode.InvalidSearchEmbedder, error.Code);
        Assert.Equal("Cannot find embedder with name `nope`.", error.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.2)]
    public void Resolve_RatioOutOfRange_ThrowsInvalidSemanticRatio(double ratio)
    {
        var error = Assert.Throws<MeiliException>(() =>
            SearchKindResolver.Resolve(new SearchRequest { Q = "a", Hybrid = new HybridQuery("manual", ratio) }, Vectors));

        Assert.Equal(ErrorCode.InvalidSearchSemanticRatio, error.Code);
    }

    [Fact]
    public void Resolve_VectorOfWrongDimensions_ThrowsInvalidVectorDimensions()
    {
        var error = Assert.Throws<MeiliException>(() =>
            SearchKindResolver.Resolve(new SearchRequest { Vector = [1, 2], Hybrid = new HybridQuery("manual") }, Vectors));

        Assert.Equal(ErrorCode.InvalidVectorDimensions, error.Code);
    }

    [Fact]
    public void Resolve_FullSemanticWithoutVector_CannotEmbed()
    {
        var error = Assert.Throws<MeiliException>(() =>
            SearchKindResolver.Resolve(new SearchRequest { Q = "pan", Hybrid = new HybridQuery("manual", 1.0) }, Vectors));

        Assert.Equal(ErrorCode.VectorEmbeddingError, error.Code);
        Assert.EndsWith("must be user provided: \"pan\"", error.Message);
    }

    [Fact]
    public void Resolve_VectorWithoutQuery_IsSemantic()
    {
        var kind = SearchKindResolver.Resolve(new SearchRequest { Vector = [1, 2, 3], Hybrid = new HybridQuery("manual") }, Vectors);

        Assert.Equal(SearchKindType.SemanticOnly, kind.Type);
    }

    [Fact]
    public void Resolve_QueryVectorAndRatioZero_IsKeyword()
    {
        var kind = SearchKindResolver.Resolve(new SearchRequest { Q = "a", Vector = [1, 2, 3], Hybrid = new HybridQuery("manual", 0) }, Vectors);

        Assert.Equal(SearchKindType.KeywordOnly, kind.Type);
    }

    [Fact]
    public void Resolve_QueryAndHybrid_IsHybrid()
    {
        var kind = SearchKindResolver.Resolve(new SearchRequest { Q = "a", Vector = [1, 2, 3], Hybrid = new HybridQuery("manual", 0.3) }, Vectors);

        Assert.Equal(SearchKindType.Hybrid, kind.Type);
        Assert.Equal(0.3, kind.SemanticRatio);
    }
}
