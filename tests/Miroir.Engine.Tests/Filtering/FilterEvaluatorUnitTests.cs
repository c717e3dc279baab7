using System.Text.Json;
using Miroir.Engine.Filtering;
using Miroir.Engine.Indexing;
using Miroir.Meili.Filters;

namespace Miroir.Engine.Tests.Filtering;

public sealed class FilterEvaluatorUnitTests
{
    private readonly FilterCorpus _corpus = new();

    [Theory]
    [InlineData("color = red", new[] { 0, 1, 5, 7 })]
    [InlineData("color = 'RED'", new[] { 0, 1, 5, 7 })]
    [InlineData("color = bleu", new[] { 2, 4 })]
    [InlineData("color != red", new[] { 2, 3, 4, 6 })]
    [InlineData("genres = drama", new[] { 0, 2, 5 })]
    [InlineData("genres = 'science fiction'", new[] { 3 })]
    [InlineData("title = elan", new[] { 6 })]
    [InlineData("price = 10", new[] { 0 })]
    [InlineData("price = 10.0", new[] { 0 })]
    [InlineData("price = cheap", new[] { 3 })]
    [InlineData("available = true", new[] { 0, 2, 4 })]
    [InlineData("available = FALSE", new[] { 1 })]
    [InlineData("doggos.name = max", new[] { 1 })]
    [InlineData("doggos.age = 9", new[] { 5 })]
    [InlineData("unknown = 1", new int[0])]
    [InlineData("unknown != 1", new[] { 0, 1, 2, 3, 4, 5, 6, 7 })]
    public void Evaluate_Equality_MatchesNormalisedValues(string filter, int[] expected) => Assert.Equal(expected, _corpus.Eval(filter));

    [Theory]
    [InlineData("price > 10", new[] { 1, 4, 5, 7 })]
    [InlineData("price >= 10", new[] { 0, 1, 4, 5, 7 })]
    [InlineData("price < 10", new[] { 2, 6 })]
    [InlineData("price <= 10", new[] { 0, 2, 6 })]
    [InlineData("price 7 TO 25.5", new[] { 0, 1, 2, 4 })]
    [InlineData("rating < 0", new[] { 6 })]
    [InlineData("doggos.age > 3", new[] { 1, 5 })]
    [InlineData("title >= p", new[] { 1, 5, 7 })]
    [InlineData("title a TO l", new[] { 0, 6 })]
    public void Evaluate_Ranges_UseNumbersOrKeys(string filter, int[] expected) => Assert.Equal(expected, _corpus.Eval(filter));

    [Theory]
    [InlineData("genres IN [action, fantasy]", new[] { 1, 4 })]
    [InlineData("price IN [7, 12, cheap]", new[] { 2, 3, 4 })]
    [InlineData("genres NOT IN [drama, adventure]", new[] { 4, 6, 7 })]
    [InlineData("genres IN []", new int[0])]
    public void Evaluate_In_UnionsValues(string filter, int[] expected) => Assert.Equal(expected, _corpus.Eval(filter));

    [Theory]
    [InlineData("rating EXISTS", new[] { 0, 1, 2, 3, 5, 6 })]
    [InlineData("rating NOT EXISTS", new[] { 4, 7 })]
    [InlineData("doggos EXISTS", new[] { 0, 1, 5 })]
    [InlineData("tag EXISTS", new[] { 0, 1, 2, 3, 4, 5 })]
    [InlineData("tag IS NULL", new[] { 0, 4 })]
    [InlineData("tag IS NOT NULL", new[] { 1, 2, 3, 5, 6, 7 })]
    [InlineData("tag IS EMPTY", new[] { 1, 2, 3 })]
    [InlineData("genres IS EMPTY", new[] { 6 })]
    [InlineData("tag IS NOT EMPTY", new[] { 0, 4, 5, 6, 7 })]
    public void Evaluate_FieldTests_FollowPresenceNullAndEmptiness(string filter, int[] expected) => Assert.Equal(expected, _corpus.Eval(filter));

    [Theory]
    [InlineData("title CONTAINS an", new[] { 1, 4, 6 })]
    [InlineData("title NOT CONTAINS an", new[] { 0, 2, 3, 5, 7 })]
    [InlineData("title STARTS WITH 'MA'", new[] { 3 })]
    [InlineData("genres STARTS WITH adv", new[] { 1, 2, 3 })]
    [InlineData("title NOT STARTS WITH m", new[] { 0, 1, 2, 5, 6, 7 })]
    public void Evaluate_TextMatches_UseNormalisedStrings(string filter, int[] expected) => Assert.Equal(expected, _corpus.Eval(filter));

    [Theory]
    [InlineData("color = red AND price > 20", new[] { 1, 5, 7 })]
    [InlineData("color = red OR color = blue AND price > 20", new[] { 0, 1, 5, 7 })]
    [InlineData("(color = red OR color = blue) AND price < 20", new[] { 0 })]
    [InlineData("NOT (color = red OR genres = drama)", new[] { 3, 4, 6 })]
    [InlineData("NOT NOT color = red", new[] { 0, 1, 5, 7 })]
    public void Evaluate_BooleanOperators_ComposeSets(string filter, int[] expected) => Assert.Equal(expected, _corpus.Eval(filter));

    [Fact]
    public void Evaluate_Universe_LimitsEveryResult()
    {
        var universe = new DocSet();
        universe.Add(1);
        universe.Add(2);
        Assert.Equal([1], _corpus.Eval("color = red", universe));
        Assert.Equal([2], _corpus.Eval("NOT color = red", universe));
        Assert.Equal([2], _corpus.Eval("color != red", universe));
        Assert.Equal([1, 2], _corpus.Eval("rating EXISTS", universe));
    }

    [Theory]
    [InlineData("_geoRadius(45.5, 9.2, 10)", new[] { 6 })]
    [InlineData("_geoRadius(48.8566, 2.3522, 2000)", new[] { 7 })]
    [InlineData("_geoRadius(47, 6, 1000000)", new[] { 6, 7 })]
    [InlineData("_geoBoundingBox([49, 3], [48, 2])", new[] { 7 })]
    [InlineData("_geoBoundingBox([50, 10], [40, 0])", new[] { 6, 7 })]
    [InlineData("NOT _geoBoundingBox([49, 3], [48, 2])", new[] { 0, 1, 2, 3, 4, 5, 6 })]
    public void Evaluate_Geo_UsesStoredPoints(string filter, int[] expected) => Assert.Equal(expected, _corpus.Eval(filter));

    [Fact]
    public void Remove_Document_DisappearsFromEverySet()
    {
        _corpus.Index.Remove(5);
        _corpus.All.Remove(5);
        Assert.Equal([0, 1, 7], _corpus.Eval("color = red"));
        Assert.Equal([1, 4, 7], _corpus.Eval("price > 10"));
        Assert.Equal([0, 1], _corpus.Eval("doggos EXISTS"));
        Assert.False(_corpus.Index.TryGetSortValue(5, "price", false, out _));
    }

    [Fact]
    public void Add_SameIdTwice_ReplacesValues()
    {
        using var doc = JsonDocument.Parse("""{"id": 0, "color": "green", "price": 1000}""");
        _corpus.Index.Add(0, doc.RootElement);
        Assert.Equal([5], _corpus.Eval("color = green AND color = red"));
        Assert.Equal([0, 5], _corpus.Eval("color = green"));
        Assert.Equal([0], _corpus.Eval("price > 500"));
        Assert.Equal([], _corpus.Eval("title = carol"));
    }

    [Fact]
    public void TryGetSortValue_MultipleValues_PicksByDirection()
    {
        Assert.True(_corpus.Index.TryGetSortValue(0, "price", false, out var price));
        Assert.Equal(SortValue.FromNumber(10), price);
        var index = new FieldValueIndex([], ["v"]);
        using var doc = JsonDocument.Parse("""{"v": ["b", 3, "a", 1]}""");
        index.Add(0, doc.RootElement);
        Assert.True(index.TryGetSortValue(0, "v", false, out var asc));
        Assert.True(index.TryGetSortValue(0, "v", true, out var desc));
        Assert.Equal(1, asc.Number);
        Assert.Equal(3, desc.Number);
        Assert.True(_corpus.Index.TryGetSortValue(6, "title", false, out var title));
        Assert.Equal("Élan", title.Text);
        Assert.True(SortValue.FromNumber(1e9) < title);
    }

    [Fact]
    public void Add_OnlyTrackedAttributes_AreIndexed()
    {
        var corpus = new FilterCorpus(["doggos.age"], []);
        Assert.Null(corpus.Index.GetColumn("title"));
        Assert.Null(corpus.Index.GetColumn("doggos.name"));
        Assert.Equal([1, 5], corpus.Eval("doggos.age > 3"));
        Assert.Empty(corpus.Eval("_geoRadius(45.5, 9.2, 10)"));
    }

    [Fact]
    public void Add_DottedKeysAndNestedObjects_ShareFlattenedField()
    {
        var index = new FieldValueIndex(["a", "dog race"], []);
        var all = new DocSet();
        string[] docs = ["""{"a.b": 1}""", """{"a": {"b": 1}}""", """{"a": [{"b": [2, 1]}, {"c": 1}]}""", """{"a": {"b": null}}""", """{"dog race": "Bernese Mountain"}"""];
        for (var i = 0; i < docs.Length; i++)
        {
            using var doc = JsonDocument.Parse(docs[i]);
            index.Add(i, doc.RootElement);
            all.Add(i);
        }
        int[] Eval(string filter) => FilterCorpus.ToArray(FilterEvaluator.Evaluate(FilterParser.Parse(filter)!, index, all));
        Assert.Equal([0, 1, 2], Eval("a.b = 1"));
        Assert.Equal([2], Eval("a.b = 2 AND a.c EXISTS"));
        Assert.Equal([1, 2, 3], Eval("a EXISTS"));
        Assert.Equal([3], Eval("a.b IS NULL"));
        Assert.Equal([4], Eval("'dog race' = 'bernese mountain'"));
    }

    [Fact]
    public void IsBuiltFor_ComparesTrackedAttributes()
    {
        var settings = Miroir.Engine.Settings.IndexSettings.Default with { FilterableAttributes = ["b", "a"], SortableAttributes = ["c"] };
        var index = new FieldValueIndex(settings);
        Assert.True(index.IsBuiltFor(settings with { FilterableAttributes = ["a", "b"] }));
        Assert.False(index.IsBuiltFor(settings with { SortableAttributes = ["c", "_geo"] }));
        Assert.False(index.IsBuiltFor(settings with { FilterableAttributes = ["a", "b", "c"], SortableAttributes = [] }));
    }

    [Fact]
    public void Apply_JsonFilter_ParsesValidatesAndEvaluates()
    {
        using var doc = JsonDocument.Parse("""{"ok": ["color = red", ["price > 30", "price < 8"]], "bad": "secret = 1", "none": null}""");
        var root = doc.RootElement;
        Assert.Equal([5, 7], FilterCorpus.ToArray(FilterEvaluator.Apply(root.GetProperty("ok"), _corpus.Index, _corpus.All)!));
        Assert.Null(FilterEvaluator.Apply(root.GetProperty("none"), _corpus.Index, _corpus.All));
        Assert.Null(FilterEvaluator.Apply((JsonElement?)null, _corpus.Index, _corpus.All));
        var error = Assert.Throws<Meili.Errors.MeiliException>(() =>
            FilterEvaluator.Apply(root.GetProperty("bad"), _corpus.Index, _corpus.All, Meili.Errors.ErrorCode.InvalidDocumentFilter));
        Assert.Same(Meili.Errors.ErrorCode.InvalidDocumentFilter, error.Code);
        Assert.StartsWith("Attribute `secret` is not filterable. Available filterable attributes are: `_geo, available, color,", error.Message);
        var combined = FilterParser.And(FilterParser.Parse("color = red"), FilterParser.Parse("genres = drama"))!;
        Assert.Equal([0, 5], FilterCorpus.ToArray(FilterEvaluator.Apply(combined, _corpus.Index, _corpus.All)));
        Assert.Null(FilterParser.And(null, null));
    }
}
