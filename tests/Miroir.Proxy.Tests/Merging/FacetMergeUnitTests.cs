using Miroir.Proxy.Merging;
using static Miroir.Proxy.Tests.Merging.MergeTestData;

namespace Miroir.Proxy.Tests.Merging;

public sealed class FacetMergeUnitTests
{
    private static readonly string[] Nodes =
    [
        Response([], 10, "\"facetDistribution\":{\"genre\":{\"drama\":5,\"action\":3,\"comedy\":1},\"_miroir_shard\":{\"1\":4,\"2\":6}},\"facetStats\":{\"price\":{\"min\":2.5,\"max\":10},\"_miroir_shard\":{\"min\":1,\"max\":2}}"),
        Response([], 7, "\"facetDistribution\":{\"genre\":{\"action\":4,\"horror\":2},\"year\":{\"1999\":7}},\"facetStats\":{\"price\":{\"min\":1,\"max\":8},\"year\":{\"min\":1999,\"max\":1999}}"),
        Response([], 0),
    ];

    [Fact]
    public void Merge_Facets_SumsCountsAlphaOrderAndStripsReserved()
    {
        var merged = Merge(Nodes, new SearchMergeRequest());
        var distribution = merged.GetProperty("facetDistribution");

        Assert.Equal(["genre", "year"], distribution.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            [("action", 7L), ("comedy", 1L), ("drama", 5L), ("horror", 2L)],
            distribution.GetProperty("genre").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())));
        Assert.Equal(7, distribution.GetProperty("year").GetProperty("1999").GetInt64());
        Assert.Equal(17, merged.GetProperty("estimatedTotalHits").GetInt64());
    }

    [Fact]
    public void Merge_FacetsByCountWithLimit_KeepsTopValues()
    {
        var options = new FacetMergeOptions { MaxValuesPerFacet = 2, DefaultOrder = FacetValuesOrder.Alpha, OrderByFacet = new Dictionary<string, FacetValuesOrder> { ["genre"] = FacetValuesOrder.Count } };

        var genre = Merge(Nodes, new SearchMergeRequest { Facets = options }).GetProperty("facetDistribution").GetProperty("genre");

        Assert.Equal([("action", 7L), ("drama", 5L)], genre.EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())));
    }

    [Fact]
    public void Merge_FacetsCutOnEachNode_SumDecidesTop()
    {
        // "b" is second on both nodes but first overall: the limit must apply after summing.
        var nodes = new[]
        {
            Response([], 1, "\"facetDistribution\":{\"f\":{\"a\":10,\"b\":9}}"),
            Response([], 1, "\"facetDistribution\":{\"f\":{\"c\":10,\"b\":9}}"),
        };
        var options = new FacetMergeOptions { MaxValuesPerFacet = 1, DefaultOrder = FacetValuesOrder.Count };

        var f = Merge(nodes, new SearchMergeRequest { Facets = options }).GetProperty("facetDistribution").GetProperty("f");

        Assert.Equal([("b", 18L)], f.EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())));
    }

    [Fact]
    public void Merge_FacetStats_MinOfMinsMaxOfMaxes()
    {
        var stats = Merge(Nodes, new SearchMergeRequest()).GetProperty("facetStats");

        Assert.Equal(["price", "year"], stats.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, stats.GetProperty("price").GetProperty("min").GetDouble());
        Assert.Equal(10, stats.GetProperty("price").GetProperty("max").GetDouble());
        Assert.Equal(1999, stats.GetProperty("year").GetProperty("max").GetDouble());
    }

    [Fact]
    public void Merge_NoFacetsRequested_NoFacetKeys()
    {
        var merged = Merge([Response([], 1)], new SearchMergeRequest());

        Assert.False(merged.TryGetProperty("facetDistribution", out _));
        Assert.False(merged.TryGetProperty("facetStats", out _));
    }

    [Fact]
    public void Merge_NumericFacetValuesAlpha_NumbersFirstInNumericOrder()
    {
        var nodes = new[]
        {
            Response([], 1, "\"facetDistribution\":{\"f\":{\"10\":1,\"9\":1,\"b\":1}}"),
            Response([], 1, "\"facetDistribution\":{\"f\":{\"2.5\":1,\"A\":1}}"),
        };

        var f = Merge(nodes, new SearchMergeRequest()).GetProperty("facetDistribution").GetProperty("f");

        Assert.Equal(["2.5", "9", "10", "A", "b"], f.EnumerateObject().Select(p => p.Name));
    }
}
