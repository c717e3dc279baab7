using System.Text;
using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Engine.Search;

namespace Miroir.Engine.Tests.Search;

public sealed class SearchRequestParserUnitTests
{
    private static SearchRequest Body(string json) => SearchRequestParser.ParseBody(Encoding.UTF8.GetBytes(json));

    private static MeiliException BodyFails(string json) => Assert.Throws<MeiliException>(() => Body(json));

    private static SearchRequest Query(params (string Key, string Value)[] pairs) =>
        SearchRequestParser.ParseQuery(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    [Fact]
    public void ParseBody_AllFields_Mapped()
    {
        var r = Body("""
            {"q":"hello","offset":5,"limit":7,"filter":[["a = 1","b = 2"],"c > 3"],"facets":["genre"],
             "attributesToRetrieve":["title"],"attributesToCrop":["overview:5"],"cropLength":3,"cropMarker":"..",
             "attributesToHighlight":["*"],"highlightPreTag":"<b>","highlightPostTag":"</b>","showMatchesPosition":true,
             "sort":["price:asc"],"matchingStrategy":"frequency","showRankingScore":true,"showRankingScoreDetails":true,
             "rankingScoreThreshold":0.25,"attributesToSearchOn":["title"],"distinct":"sku","vector":[0.5,1],
             "hybrid":{"embedder":"default","semanticRatio":0.9},"retrieveVectors":true,"locales":["fra"]}
            """);
        Assert.Equal("hello", r.Q);
        Assert.Equal((5, 7), (r.Offset, r.Limit));
        Assert.Equal(JsonValueKind.Array, r.Filter!.Value.ValueKind);
        Assert.Equal(["genre"], r.Facets!);
        Assert.Equal(["overview:5"], r.AttributesToCrop!);
        Assert.Equal((3, ".."), (r.CropLength, r.CropMarker));
        Assert.Equal(("<b>", "</b>"), (r.HighlightPreTag, r.HighlightPostTag));
        Assert.True(r.ShowMatchesPosition && r.ShowRankingScore && r.ShowRankingScoreDetails && r.RetrieveVectors);
        Assert.Equal(MatchingStrategy.Frequency, r.MatchingStrategy);
        Assert.Equal(0.25, r.RankingScoreThreshold);
        Assert.Equal("sku", r.Distinct);
        Assert.Equal([0.5f, 1f], r.Vector!);
        Assert.Equal(new HybridQuery("default", 0.9), r.Hybrid);
        Assert.False(r.IsPaged);
    }

    [Fact]
    public void ParseBody_Empty_Defaults()
    {
        var r = Body("{}");
        Assert.Null(r.Q);
        Assert.Equal((0, 20, 10, "…"), (r.Offset, r.Limit, r.CropLength, r.CropMarker));
        Assert.Equal(MatchingStrategy.Last, r.MatchingStrategy);
    }

    [Fact]
    public void ParseBody_PageFields_Paged()
    {
        var r = Body("{\"page\":2,\"hitsPerPage\":0}");
        Assert.True(r.IsPaged);
        Assert.Equal((2, 0), (r.Page, r.HitsPerPage));
    }

    [Theory]
    [InlineData("{\"limit\":\"10\"}", "invalid_search_limit", "Invalid value type at `.limit`: expected a positive integer, but found a string: `\"10\"`")]
    [InlineData("{\"limit\":-1}", "invalid_search_limit", "Invalid value type at `.limit`: expected a positive integer, but found a negative integer: `-1`")]
    [InlineData("{\"offset\":1.5}", "invalid_search_offset", "Invalid value type at `.offset`: expected a positive integer, but found a number: `1.5`")]
    [InlineData("{\"q\":[1, 2]}", "invalid_search_q", "Invalid value type at `.q`: expected a string, but found an array: `[1,2]`")]
    [InlineData("{\"page\":true}", "invalid_search_page", "Invalid value type at `.page`: expected a positive integer, but found a boolean: `true`")]
    [InlineData("{\"attributesToRetrieve\":[\"a\", 1]}", "invalid_search_attributes_to_retrieve", "Invalid value type at `.attributesToRetrieve[1]`: expected a string, but found a positive integer: `1`")]
    [InlineData("{\"showRankingScore\":\"yes\"}", "invalid_search_show_ranking_score", "Invalid value type at `.showRankingScore`: expected a boolean, but found a string: `\"yes\"`")]
    [InlineData("{\"cropMarker\":null}", "invalid_search_crop_marker", "Invalid value type at `.cropMarker`: expected a string, but found null")]
    [InlineData("{\"matchingStrategy\":\"first\"}", "invalid_search_matching_strategy", "Unknown value `first` at `.matchingStrategy`: expected one of `last`, `all`, `frequency`")]
    [InlineData("{\"rankingScoreThreshold\":1.5}", "invalid_search_ranking_score_threshold", "Invalid value at `.rankingScoreThreshold`: the value of `rankingScoreThreshold` is invalid, expected a float between `0.0` and `1.0`.")]
    [InlineData("{\"hybrid\":{\"semanticRatio\":0.5}}", "invalid_search_hybrid_query", "Missing field `embedder` inside `.hybrid`")]
    [InlineData("{\"hybrid\":{\"embedder\":\"e\",\"semanticRatio\":2}}", "invalid_search_semantic_ratio", "Invalid value at `.hybrid.semanticRatio`: the value of `semanticRatio` is invalid, expected a float between `0.0` and `1.0`.")]
    [InlineData("{\"vector\":[1,\"a\"]}", "invalid_search_vector", "Invalid value type at `.vector[1]`: expected a number, but found a string: `\"a\"`")]
    [InlineData("[]", "bad_request", "Invalid value type: expected an object, but found an array: `[]`")]
    public void ParseBody_WrongValue_SpecificCode(string json, string code, string message)
    {
        var e = BodyFails(json);
        Assert.Equal(code, e.Code.Name);
        Assert.Equal(400, e.Code.Status);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ParseBody_UnknownField_BadRequestListingFields()
    {
        var e = BodyFails("{\"qq\":\"x\"}");
        Assert.Same(ErrorCode.BadRequest, e.Code);
        Assert.StartsWith("Unknown field `qq`: expected one of `q`, `vector`, `hybrid`, `offset`, `limit`,", e.Message);
        Assert.EndsWith("`rankingScoreThreshold`, `locales`", e.Message);
    }

    [Fact]
    public void ParseBody_NearMiss_DidYouMean()
    {
        var e = BodyFails("{\"filtre\":\"x\"}");
        Assert.StartsWith("Unknown field `filtre`: did you mean `filter`? expected one of `q`,", e.Message);
    }

    [Fact]
    public void ParseBody_Malformed_MalformedPayload()
    {
        var e = BodyFails("{\"q\":");
        Assert.Same(ErrorCode.MalformedPayload, e.Code);
        Assert.StartsWith("The json payload provided is malformed. `", e.Message);
    }

    [Fact]
    public void ParseBody_Blank_MissingPayload()
    {
        Assert.Same(ErrorCode.MissingPayload, BodyFails("").Code);
        Assert.Equal("A json payload is missing.", BodyFails("").Message);
        Assert.Same(ErrorCode.MalformedPayload, BodyFails("  ").Code);
    }

    [Fact]
    public void ParseQuery_Lists_SplitAndTrimmed()
    {
        var r = Query(("q", "a b"), ("attributesToRetrieve", "title, id"), ("facets", "genre,year"),
            ("sort", "_geoPoint(1.5, 2):asc, price:desc"), ("limit", "3"), ("showRankingScore", "true"),
            ("matchingStrategy", "all"), ("hybridEmbedder", "e"), ("hybridSemanticRatio", "0.2"), ("vector", "1,2.5"));
        Assert.Equal(["title", "id"], r.AttributesToRetrieve!);
        Assert.Equal(["genre", "year"], r.Facets!);
        Assert.Equal(["_geoPoint(1.5, 2):asc", "price:desc"], r.Sort!);
        Assert.Equal(3, r.Limit);
        Assert.True(r.ShowRankingScore);
        Assert.Equal(MatchingStrategy.All, r.MatchingStrategy);
        Assert.Equal(new HybridQuery("e", 0.2), r.Hybrid);
        Assert.Equal([1f, 2.5f], r.Vector!);
    }

    [Fact]
    public void ParseQuery_Filter_StringOrArray()
    {
        Assert.Equal("genre = horror", Query(("filter", "genre = horror")).Filter!.Value.GetString());
        Assert.Equal(JsonValueKind.Array, Query(("filter", "[\"a = 1\",[\"b = 2\"]]")).Filter!.Value.ValueKind);
        Assert.Equal("[broken", Query(("filter", "[broken")).Filter!.Value.GetString());
        Assert.Equal("a = 1", Query(("filter", "\"a = 1\"")).Filter!.Value.GetString());
        Assert.Null(Query(("filter", "null")).Filter);
    }

    [Theory]
    [InlineData("limit", "abc", "invalid_search_limit", "Invalid value in parameter `limit`: could not parse `abc` as a positive integer")]
    [InlineData("offset", "-2", "invalid_search_offset", "Invalid value in parameter `offset`: could not parse `-2` as a positive integer")]
    [InlineData("showMatchesPosition", "1", "invalid_search_show_matches_position", "Invalid value in parameter `showMatchesPosition`: could not parse `1` as a boolean, expected either `true` or `false`")]
    [InlineData("matchingStrategy", "any", "invalid_search_matching_strategy", "Unknown value `any` for parameter `matchingStrategy`: expected one of `last`, `all`, `frequency`")]
    [InlineData("hybridSemanticRatio", "0.5", "invalid_search_hybrid_query", "`hybridEmbedder` is mandatory when `hybridSemanticRatio` is present")]
    public void ParseQuery_BadValue_SpecificCode(string key, string value, string code, string message)
    {
        var e = Assert.Throws<MeiliException>(() => Query((key, value)));
        Assert.Equal(code, e.Code.Name);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ParseQuery_UnknownParameter_BadRequest()
    {
        var e = Assert.Throws<MeiliException>(() => Query(("limt", "1")));
        Assert.Same(ErrorCode.BadRequest, e.Code);
        Assert.StartsWith("Unknown parameter `limt`: did you mean `limit`? expected one of `q`, `vector`, `offset`", e.Message);
    }

    [Fact]
    public void ParseQuery_RepeatedParameter_MultipleValues()
    {
        var e = Assert.Throws<MeiliException>(() => Query(("limit", "1"), ("limit", "2")));
        Assert.Equal("Invalid value type for parameter `limit`: expected a string, but found multiple values", e.Message);
    }
}
