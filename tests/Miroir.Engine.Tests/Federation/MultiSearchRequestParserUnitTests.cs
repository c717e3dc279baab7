using System.Text.Json;
using Miroir.Engine.Errors;
using Miroir.Engine.Search;
using Miroir.Engine.Search.Federation;

namespace Miroir.Engine.Tests.Federation;

public class MultiSearchRequestParserUnitTests
{
    /// <summary>Stands in for the search parser: reads q and limit, refuses a non-string q.</summary>
    private static SearchRequest ParseSearch(JsonElement body)
    {
        if (body.TryGetProperty("q", out var q) && q.ValueKind != JsonValueKind.String)
        {
            throw new MeiliException(ErrorCode.InvalidSearchQ, "Invalid value type at `.q`: expected a string, but found a number: `1`");
        }
        return new SearchRequest
        {
            Q = body.TryGetProperty("q", out q) ? q.GetString() : null,
            Limit = body.TryGetProperty("limit", out var limit) ? limit.GetInt32() : 20,
        };
    }

    private static MultiSearchRequest Parse(string json) =>
        MultiSearchRequestParser.Parse(JsonDocument.Parse(json).RootElement, ParseSearch);

    [Fact]
    public void Parse_FederatedBody_ReadsQueriesOptionsAndFederation()
    {
        var request = Parse("""
            {"queries": [{"indexUid": "movies", "q": "a", "federationOptions": {"weight": 2.5}}, {"indexUid": "comics", "limit": 3}],
             "federation": {"offset": 5, "limit": 7, "facetsByIndex": {"movies": ["genre"], "comics": null}, "mergeFacets": {"maxValuesPerFacet": 3}}}
            """);

        Assert.Equal("movies", request.Queries[0].IndexUid);
        Assert.Equal("a", request.Queries[0].Search.Q);
        Assert.Equal(2.5, request.Queries[0].FederationOptions!.Weight);
        Assert.Null(request.Queries[0].PaginationParameter);
        Assert.Equal("limit", request.Queries[1].PaginationParameter);
        Assert.Equal(3, request.Queries[1].Search.Limit);
        Assert.Equal(5, request.Federation!.Offset);
        Assert.Equal(7, request.Federation.Limit);
        Assert.Equal(["genre"], request.Federation.FacetsByIndex["movies"]);
        Assert.Null(request.Federation.FacetsByIndex["comics"]);
        Assert.Equal(3, request.Federation.MergeFacets!.MaxValuesPerFacet);
    }

    [Fact]
    public void Parse_MissingIndexUid_ThrowsMissingIndexUid()
    {
        var error = Assert.Throws<MeiliException>(() => Parse("""{"queries": [{"q": "a"}]}"""));

        Assert.Equal(ErrorCode.MissingIndexUid, error.Code);
        Assert.Equal("Missing field `indexUid` inside `.queries[0]`", error.Message);
    }

    [Fact]
    public void Parse_NegativeWeight_ThrowsInvalidWeight()
    {
        var error = Assert.Throws<MeiliException>(() =>
            Parse("""{"queries": [{"indexUid": "m", "federationOptions": {"weight": -1}}], "federation": {}}"""));

        Assert.Equal(ErrorCode.InvalidMultiSearchWeight, error.Code);
        Assert.Equal("Invalid value at `.queries[0].federationOptions.weight`: the value of `weight` is invalid, expected a positive float (>= 0.0).", error.Message);
    }

    [Fact]
    public void Parse_SearchParameterError_IsRootedUnderItsQuery()
    {
        var error = Assert.Throws<MeiliException>(() => Parse("""{"queries": [{"indexUid": "m"}, {"indexUid": "m", "q": 1}]}"""));

        Assert.Equal(ErrorCode.InvalidSearchQ, error.Code);
        Assert.StartsWith("Invalid value type at `.queries[1].q`", error.Message);
    }

    [Theory]
    [InlineData("""{"queries": [{"indexUid": "bad uid"}]}""", "invalid_index_uid")]
    [InlineData("""{"federation": {}}""", "bad_request")]
    [InlineData("""{"queries": [], "other": 1}""", "bad_request")]
    [InlineData("""{"queries": [], "federation": {"limit": -1}}""", "invalid_search_limit")]
    public void Parse_InvalidEnvelope_Throws(string json, string code)
    {
        var error = Assert.Throws<MeiliException>(() => Parse(json));

        Assert.Equal(code, error.Code.Name);
    }
}
