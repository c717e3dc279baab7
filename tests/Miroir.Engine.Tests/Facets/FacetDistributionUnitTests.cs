using System.Buffers;
using System.Text;
using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Engine.Facets;
using Miroir.Engine.Filtering;
using Miroir.Engine.Indexing;
using Miroir.Engine.Settings;
using Miroir.Engine.Tests.Filtering;
using Miroir.Meili.Filters;

namespace Miroir.Engine.Tests.Facets;

public sealed class FacetDistributionUnitTests
{
    private readonly FilterCorpus _corpus = new();

    private static string Render(FacetResult result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            FacetWriter.Write(writer, result);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private FacetResult Compute(DocSet candidates, FacetingSettings? faceting = null, params string[] facets) =>
        FacetDistribution.Compute(_corpus.Index, candidates, facets, faceting ?? new FacetingSettings());

    [Fact]
    public void Compute_Alpha_CountsOriginalSpellingsInKeyOrder()
    {
        var json = Render(Compute(_corpus.All, null, "genres", "color"));
        Assert.Equal(
            """{"facetDistribution":{"color":{"Bleu":2,"Blue":1,"green":1,"Red":4},"genres":{"Action":2,"Adventure":3,"Drama":3,"Fantasy":1,"Romance":1,"Science Fiction":1}},"facetStats":{}}""",
            json);
    }

    [Fact]
    public void Compute_ByCount_SortsDescendingThenAlpha()
    {
        var faceting = new FacetingSettings { SortFacetValuesBy = new Dictionary<string, string> { ["*"] = "alpha", ["genres"] = "count" } };
        var result = Compute(_corpus.All, faceting, "genres");
        Assert.Equal(["Adventure", "Drama", "Action", "Fantasy", "Romance", "Science Fiction"], result.Distribution[0].Values.Select(v => v.Value));
        Assert.Equal([3, 3, 2, 1, 1, 1], result.Distribution[0].Values.Select(v => v.Count));
    }

    [Fact]
    public void Compute_MaxValuesPerFacet_CapsEachFacet()
    {
        var result = Compute(_corpus.All, new FacetingSettings { MaxValuesPerFacet = 2 }, "genres", "color");
        Assert.All(result.Distribution, facet => Assert.Equal(2, facet.Values.Count));
        Assert.Equal(["Action", "Adventure"], result.Distribution[1].Values.Select(v => v.Value));
    }

    [Fact]
    public void Compute_Candidates_RestrictCountsAndStats()
    {
        var candidates = FilterEvaluator.Evaluate(FilterParser.Parse("genres = drama")!, _corpus.Index, _corpus.All);
        var json = Render(Compute(candidates, null, "price", "rating"));
        Assert.Equal(
            """{"facetDistribution":{"price":{"7":1,"10":1,"40":1},"rating":{"2.5":1,"4":1,"4.5":1}},"facetStats":{"price":{"min":7.0,"max":40.0},"rating":{"min":2.5,"max":4.5}}}""",
            json);
    }

    [Fact]
    public void Compute_MixedNumbersAndStrings_NumbersFirstAndStatsOnNumbersOnly()
    {
        var result = Compute(_corpus.All, null, "price");
        Assert.Equal(["0", "7", "10", "12", "25.5", "40", "100", "cheap"], result.Distribution[0].Values.Select(v => v.Value));
        Assert.Equal(new FacetStat("price", 0, 100), Assert.Single(result.Stats));
    }

    [Fact]
    public void Compute_Star_ExpandsToFilterableFieldsSorted()
    {
        var result = Compute(_corpus.All, null, "*");
        Assert.Equal(
            ["available", "color", "doggos.age", "doggos.name", "genres", "price", "rating", "tag", "title"],
            result.Distribution.Select(d => d.Facet));
        Assert.Equal([new FacetCount("true", 3), new FacetCount("false", 1)],
            result.Distribution[0].Values.OrderByDescending(v => v.Count));
    }

    [Fact]
    public void Compute_FewCandidatesManyValues_WalksCandidates()
    {
        // 2000 distinct tags and a single candidate exercises the per-document counting path.
        var index = new FieldValueIndex(["tag", "n"], []);
        var all = new DocSet();
        for (var i = 0; i < 2000; i++)
        {
            using var doc = JsonDocument.Parse($$"""{"tag": ["t{{i}}", "common"], "n": {{i}}}""");
            index.Add(i, doc.RootElement);
            all.Add(i);
        }
        var one = new DocSet();
        one.Add(1234);
        var result = FacetDistribution.Compute(index, one, ["tag", "n"], new FacetingSettings());
        Assert.Equal([new FacetCount("1234", 1)], result.Distribution[0].Values);
        Assert.Equal([new FacetCount("common", 1), new FacetCount("t1234", 1)], result.Distribution[1].Values);
        Assert.Equal(new FacetStat("n", 1234, 1234), Assert.Single(result.Stats));
        var everything = FacetDistribution.Compute(index, all, ["tag"], new FacetingSettings { SortFacetValuesBy = new Dictionary<string, string> { ["*"] = "count" } });
        Assert.Equal(new FacetCount("common", 2000), everything.Distribution[0].Values[0]);
        Assert.Equal(100, everything.Distribution[0].Values.Count);
    }

    [Fact]
    public void Compute_UnknownButFilterableFacet_IsEmpty()
    {
        var index = new FieldValueIndex(["missing"], []);
        var result = FacetDistribution.Compute(index, new DocSet(), ["missing"], new FacetingSettings());
        Assert.Equal("""{"facetDistribution":{"missing":{}},"facetStats":{}}""", Render(result));
    }

    [Theory]
    [InlineData(new[] { "title" }, new[] { "doggo" }, "Invalid facet distribution, attribute `doggo` is not filterable. The available filterable attribute is `title`.")]
    [InlineData(new[] { "title", "genres" }, new[] { "b", "a", "title" }, "Invalid facet distribution, attributes `a, b` are not filterable. The available filterable attributes are `genres, title`.")]
    [InlineData(new string[0], new[] { "title" }, "Invalid facet distribution, this index does not have configured filterable attributes.")]
    public void Compute_NonFilterableFacet_Throws(string[] filterable, string[] facets, string message)
    {
        var index = new FieldValueIndex(filterable, []);
        var error = Assert.Throws<MeiliException>(() => FacetDistribution.Compute(index, new DocSet(), facets, new FacetingSettings()));
        Assert.Same(ErrorCode.InvalidSearchFacets, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ToComputedFacets_KeepsOrderAndStats()
    {
        var faceting = new FacetingSettings { SortFacetValuesBy = new Dictionary<string, string> { ["*"] = "count" } };
        var computed = Compute(_corpus.All, faceting, "genres", "price").ToComputedFacets();
        Assert.Equal(new KeyValuePair<string, long>("Adventure", 3), computed.Distribution["genres"][0]);
        Assert.Equal((0, 100), computed.Stats["price"]);
        Assert.Equal("count", faceting.FacetOrder("genres"));
        Assert.Equal("alpha", new FacetingSettings().FacetOrder("genres"));
    }
}
