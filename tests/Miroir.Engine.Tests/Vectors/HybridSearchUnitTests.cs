using Miroir.Engine.Vectors;
using static Miroir.Engine.Tests.Vectors.VectorTestData;

namespace Miroir.Engine.Tests.Vectors;

public class HybridSearchUnitTests
{
    // Keyword order 0,1,2 with falling scores; semantic order (against [1,0,0]) 2,1,0.
    private static readonly RankedDocs Keyword = new([new(0, 0.9), new(1, 0.6), new(2, 0.3)], 3);

    private static VectorStore StoreWithThree()
    {
        var store = Store();
        store.Add(0, "0", Json("""{"manual": [0, 0, 1]}"""));
        store.Add(1, "1", Json("""{"manual": [1, 1, 0]}"""));
        store.Add(2, "2", Json("""{"manual": [1, 0, 0]}"""));
        return store;
    }

    private static HybridResult Run(double ratio, int offset = 0, int limit = 10)
    {
        var kind = new SearchKind(SearchKindType.Hybrid, "manual", [1, 0, 0], ratio);
        return HybridSearch.Execute(kind, StoreWithThree(), _ => Keyword, null, offset, limit);
    }

    [Fact]
    public void Execute_RatioNearZero_FollowsKeywordOrder()
    {
        var result = Run(0.01);

        Assert.Equal([0, 1, 2], result.Hits.Select(h => h.DocId));
    }

    [Fact]
    public void Execute_RatioNearOne_FollowsSemanticOrder()
    {
        var result = Run(0.99);

        Assert.Equal([2, 1, 0], result.Hits.Select(h => h.DocId));
        Assert.Equal(3, result.SemanticHitCount);
    }

    [Fact]
    public void Execute_FullSemantic_RanksByVectorOnly()
    {
        var kind = new SearchKind(SearchKindType.SemanticOnly, "manual", [1, 0, 0], 1);

        var result = HybridSearch.Execute(kind, StoreWithThree(), _ => throw new InvalidOperationException("no keyword search"), null, 0, 10);

        Assert.Equal([2, 1, 0], result.Hits.Select(h => h.DocId));
        Assert.Equal(3, result.SemanticHitCount);
    }

    [Fact]
    public void Execute_HalfRatio_InterleavesByWeightedScoreWithoutDuplicates()
    {
        var result = Run(0.5);

        // semantic scores: doc2 = 1.0, doc1 ≈ 0.854, doc0 = 0.5; keyword: 0.9, 0.6, 0.3.
        Assert.Equal([2, 0, 1], result.Hits.Select(h => h.DocId));
        Assert.Equal(3, result.Hits.Select(h => h.DocId).Distinct().Count());
    }

    [Fact]
    public void Execute_OffsetAndLimit_PageTheMergedList()
    {
        var result = Run(0.5, offset: 1, limit: 1);

        Assert.Equal([0], result.Hits.Select(h => h.DocId));
    }

    [Fact]
    public void Execute_KeywordGoodEnough_SkipsVectors()
    {
        var strong = new RankedDocs([new(0, 1.0), new(1, 0.95)], 2);
        var kind = new SearchKind(SearchKindType.Hybrid, "manual", [1, 0, 0], 0.5);

        var result = HybridSearch.Execute(kind, StoreWithThree(), _ => strong, null, 0, 2);

        Assert.Equal([0, 1], result.Hits.Select(h => h.DocId));
        Assert.Equal(0, result.SemanticHitCount);
    }

    [Fact]
    public void Execute_HybridWithoutVector_FallsBackToKeywords()
    {
        var kind = new SearchKind(SearchKindType.Hybrid, "manual", null, 0.9);

        var result = HybridSearch.Execute(kind, StoreWithThree(), _ => Keyword, null, 0, 10);

        Assert.Equal([0, 1, 2], result.Hits.Select(h => h.DocId));
        Assert.Equal(0, result.SemanticHitCount);
    }
}
