using System.Text;
using Miroir.Meili.Errors;
using Miroir.Engine.Search;

namespace Miroir.Engine.Tests.Search;

public sealed class MultiSearchParserUnitTests
{
    private static MultiSearchRequest Multi(string json) => SearchRequestParser.ParseMultiSearch(Encoding.UTF8.GetBytes(json));

    private static MeiliException MultiFails(string json) => Assert.Throws<MeiliException>(() => Multi(json));

    [Fact]
    public void ParseMultiSearch_Plain_QueriesInOrder()
    {
        var r = Multi("{\"queries\":[{\"indexUid\":\"movies\",\"q\":\"a\",\"limit\":3},{\"indexUid\":\"books\"}]}");
        Assert.False(r.IsFederated);
        Assert.Equal(["movies", "books"], r.Queries.Select(q => q.IndexUid));
        Assert.Equal(3, r.Queries[0].Search.Limit);
        Assert.Equal(1, r.Queries[1].Position);
    }

    [Fact]
    public void ParseMultiSearch_Federated_WeightsAndFederation()
    {
        var r = Multi("""
            {"federation":{"offset":2,"limit":5,"facetsByIndex":{"movies":["genre"]},"mergeFacets":{"maxValuesPerFacet":10}},
             "queries":[{"indexUid":"movies","federationOptions":{"weight":2.5}},{"indexUid":"books"}]}
            """);
        Assert.True(r.IsFederated);
        Assert.Equal((2, 5), (r.Federation!.Offset, r.Federation.Limit));
        Assert.Equal(["genre"], r.Federation.FacetsByIndex!["movies"]!);
        Assert.Equal(10, r.Federation.MergeFacets!.MaxValuesPerFacet);
        Assert.Equal([2.5, 1.0], r.Queries.Select(q => q.Weight));
    }

    [Fact]
    public void ParseMultiSearch_MissingIndexUid_MissingIndexUid()
    {
        var e = MultiFails("{\"queries\":[{\"indexUid\":\"a\"},{\"q\":\"x\"}]}");
        Assert.Same(ErrorCode.MissingIndexUid, e.Code);
        Assert.Equal("Missing field `indexUid` inside `.queries[1]`", e.Message);
    }

    [Fact]
    public void ParseMultiSearch_InvalidIndexUid_InvalidIndexUid()
    {
        var e = MultiFails("{\"queries\":[{\"indexUid\":\"bad uid\"}]}");
        Assert.Same(ErrorCode.InvalidIndexUid, e.Code);
        Assert.Equal("Invalid value at `.queries[0].indexUid`: `bad uid` is not a valid index uid. Index uid can be an integer or a string containing only alphanumeric characters, hyphens (-) and underscores (_), and can not be more than 512 bytes.", e.Message);
    }

    [Fact]
    public void ParseMultiSearch_OptionsWithoutFederation_Rejected()
    {
        var e = MultiFails("{\"queries\":[{\"indexUid\":\"a\",\"federationOptions\":{\"weight\":1}}]}");
        Assert.Same(ErrorCode.InvalidMultiSearchFederationOptions, e.Code);
        Assert.StartsWith("Inside `.queries[0]`: Using `federationOptions` is not allowed in a non-federated search.", e.Message);
    }

    [Fact]
    public void ParseMultiSearch_NegativeWeight_InvalidWeight()
    {
        var e = MultiFails("{\"federation\":{},\"queries\":[{\"indexUid\":\"a\",\"federationOptions\":{\"weight\":-1}}]}");
        Assert.Same(ErrorCode.InvalidMultiSearchWeight, e.Code);
        Assert.Equal("Invalid value at `.queries[0].federationOptions.weight`: the value of `weight` is invalid, expected a positive float (>= 0.0).", e.Message);
    }

    [Theory]
    [InlineData("\"limit\":3", "invalid_multi_search_query_pagination")]
    [InlineData("\"page\":1", "invalid_multi_search_query_pagination")]
    [InlineData("\"facets\":[\"g\"]", "invalid_multi_search_query_facets")]
    public void ParseMultiSearch_FederatedQueryOptions_Rejected(string field, string code)
    {
        var e = MultiFails("{\"federation\":{},\"queries\":[{\"indexUid\":\"a\"," + field + "}]}");
        Assert.Equal(code, e.Code.Name);
    }

    [Fact]
    public void ParseMultiSearch_FacetsInFederatedQuery_HintWithDebugList()
    {
        var e = MultiFails("{\"federation\":{},\"queries\":[{\"indexUid\":\"movies\",\"facets\":[\"genre\",\"year\"]}]}");
        Assert.Equal(
            "Inside `.queries[0]`: Using facet options is not allowed in federated queries.\n - Hint: remove `facets` from query #0 or remove `federation` from the request\n - Hint: pass `federation.facetsByIndex.movies: [\"genre\", \"year\"]` for facets in federated search",
            e.Message);
    }

    [Fact]
    public void ParseMultiSearch_NoQueries_BadRequest()
    {
        var e = MultiFails("{}");
        Assert.Same(ErrorCode.BadRequest, e.Code);
        Assert.Equal("Missing field `queries`", e.Message);
    }

    [Fact]
    public void ParseMultiSearch_UnknownQueryField_ListsIndexUid()
    {
        var e = MultiFails("{\"queries\":[{\"indexUid\":\"a\",\"foo\":1}]}");
        Assert.StartsWith("Unknown field `foo` inside `.queries[0]`: expected one of `indexUid`, `q`,", e.Message);
        Assert.EndsWith("`federationOptions`", e.Message);
    }

    [Fact]
    public void ParseFacetSearch_Fields_Mapped()
    {
        var r = SearchRequestParser.ParseFacetSearch("{\"facetName\":\"genre\",\"facetQuery\":\"ho\",\"q\":\"x\",\"filter\":\"a = 1\",\"exhaustiveFacetCount\":true}"u8);
        Assert.Equal(("genre", "ho", "x", true), (r.FacetName, r.FacetQuery, r.Search.Q, r.ExhaustiveFacetCount));
    }

    [Fact]
    public void ParseFacetSearch_NoFacetName_Missing()
    {
        var e = Assert.Throws<MeiliException>(() => SearchRequestParser.ParseFacetSearch("{\"facetQuery\":\"a\"}"u8));
        Assert.Same(ErrorCode.MissingFacetSearchFacetName, e.Code);
        Assert.Equal("Missing field `facetName`", e.Message);
    }

    [Fact]
    public void ParseFacetSearch_SearchOnlyField_Unknown()
    {
        var e = Assert.Throws<MeiliException>(() => SearchRequestParser.ParseFacetSearch("{\"facetName\":\"g\",\"limit\":1}"u8));
        Assert.Same(ErrorCode.BadRequest, e.Code);
        Assert.StartsWith("Unknown field `limit`: expected one of `facetQuery`, `facetName`,", e.Message);
    }
}
