using System.Buffers;
using System.Text;
using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Engine.Facets;
using Miroir.Engine.Filtering;
using Miroir.Engine.Indexing;
using Miroir.Engine.Settings;
using Miroir.Meili.Filters;

namespace Miroir.Engine.Tests.Facets;

public sealed class FacetSearchUnitTests
{
    private static readonly string[] Genres =
        ["Adventure", "Action", "Animation", "Action", "Comedy", "Crime", "Documentary", "Drama", "Drama", "Drama", "Fantasy", "Science Fiction", "Adventure", "Ádventure"];

    private readonly FieldValueIndex _index = new(["genres", "year"], []);
    private readonly DocSet _all = new();

    public FacetSearchUnitTests()
    {
        for (var i = 0; i < Genres.Length; i++)
        {
            using var doc = JsonDocument.Parse($$"""{"genres": "{{Genres[i]}}", "year": {{2000 + i}}}""");
            _index.Add(i, doc.RootElement);
            _all.Add(i);
        }
    }

    private FacetSearchResult Search(string? query, IndexSettings? settings = null, DocSet? candidates = null) =>
        FacetSearch.Search(_index, settings ?? IndexSettings.Default, "genres", query, candidates ?? _all);

    [Fact]
    public void Search_Prefix_MatchesNormalisedValues()
    {
        var result = Search("ADV");
        Assert.Equal([new FacetCount("Adventure", 3)], result.Hits);
        Assert.Equal("ADV", result.Query);
    }

    [Fact]
    public void Search_ShortQuery_AllowsNoTypo()
    {
        Assert.Empty(Search("drm").Hits);
        Assert.Equal(["Documentary", "Drama"], Search("d").Hits.Select(h => h.Value));
    }

    [Fact]
    public void Search_FiveCharacters_AllowsOneTypo()
    {
        Assert.Equal([new FacetCount("Drama", 3)], Search("darma").Hits);
        Assert.Equal([new FacetCount("Comedy", 1)], Search("comdey").Hits);
        Assert.Empty(Search("dxrmx").Hits);
    }

    [Fact]
    public void Search_NineCharacters_AllowsTwoTypos()
    {
        Assert.Equal([new FacetCount("Documentary", 1)], Search("dokumentray").Hits);
        Assert.Equal([new FacetCount("Science Fiction", 1)], Search("sceince fi").Hits);
    }

    [Fact]
    public void Search_TyposDisabled_RequiresExactPrefix()
    {
        var settings = IndexSettings.Default with { TypoTolerance = new TypoToleranceSettings { Enabled = false } };
        Assert.Empty(Search("darma", settings).Hits);
        Assert.Equal([new FacetCount("Drama", 3)], Search("dram", settings).Hits);
    }

    [Fact]
    public void Search_EmptyQuery_ListsEveryValueAlphabetically()
    {
        var result = Search(null);
        Assert.Equal(["Action", "Adventure", "Animation", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Science Fiction"],
            result.Hits.Select(h => h.Value));
        Assert.Null(result.Query);
    }

    [Fact]
    public void Search_SortByCount_OrdersByCountThenAlpha()
    {
        var settings = IndexSettings.Default with
        {
            Faceting = new FacetingSettings { MaxValuesPerFacet = 3, SortFacetValuesBy = new Dictionary<string, string> { ["genres"] = "count" } },
        };
        Assert.Equal([new FacetCount("Adventure", 3), new FacetCount("Drama", 3), new FacetCount("Action", 2)], Search("", settings).Hits);
    }

    [Fact]
    public void Search_Candidates_RestrictCounts()
    {
        var candidates = FilterEvaluator.Evaluate(FilterParser.Parse("year < 2005")!, _index, _all);
        Assert.Equal([new FacetCount("Action", 2), new FacetCount("Adventure", 1), new FacetCount("Animation", 1)], Search("a", candidates: candidates).Hits);
    }

    [Fact]
    public void Search_NotFilterable_Throws()
    {
        var error = Assert.Throws<MeiliException>(() => FacetSearch.Search(_index, IndexSettings.Default, "title", "a", _all));
        Assert.Same(ErrorCode.InvalidFacetSearchFacetName, error.Code);
        Assert.Equal(
            "Attribute `title` is not facet-searchable. Available facet-searchable attributes are: `genres, year`. To make it facet-searchable add it to the `filterableAttributes` index settings.",
            error.Message);
    }

    [Fact]
    public void WriteFacetHits_WritesMeilisearchShape()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            FacetWriter.WriteFacetHits(writer, Search("crim"));
            writer.WriteEndObject();
        }
        Assert.Equal("""{"facetHits":[{"value":"Crime","count":1}],"facetQuery":"crim"}""", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Theory]
    [InlineData("drama", "drama", 0, true)]
    [InlineData("drama", "dramatic", 0, true)]
    [InlineData("darma", "drama", 1, true)]
    [InlineData("darma", "drama", 0, false)]
    [InlineData("dramx", "dramatic", 1, true)]
    [InlineData("abcdef", "xyz", 2, false)]
    [InlineData("ab", "", 2, true)]
    [InlineData("abc", "", 2, false)]
    public void PrefixDistance_Within_AcceptsPrefixesUpToBudget(string query, string text, int k, bool expected) =>
        Assert.Equal(expected, PrefixDistance.Within(query, text, k));
}
