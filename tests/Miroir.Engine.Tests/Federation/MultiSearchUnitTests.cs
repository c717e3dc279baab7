using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Engine.Search;
using Miroir.Engine.Search.Federation;

namespace Miroir.Engine.Tests.Federation;

public class MultiSearchUnitTests
{
    private static readonly ScriptedIndex Movies = new("movies",
        (1, "drama", new() { ["batman"] = 0.9, ["joker"] = 0.5 }),
        (2, "action", new() { ["batman"] = 0.7 }),
        (3, "drama", new() { ["joker"] = 0.95 }));

    private static readonly ScriptedIndex Comics = new("comics",
        (10, "action", new() { ["batman"] = 0.8 }),
        (11, "action", new() { ["batman"] = 0.4 }));

    private static IMultiSearchIndex? Resolve(string uid) => uid switch
    {
        "movies" => Movies,
        "comics" => Comics,
        _ => null,
    };

    private static MultiSearchQuery Query(string index, string q, double weight = 1.0, bool score = false) => new()
    {
        IndexUid = index,
        Search = new SearchRequest { Q = q, ShowRankingScore = score },
        Weight = weight,
    };

    private static JsonElement Run(MultiSearchRequest request)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            MultiSearch.Execute(request, Resolve, writer);
        }
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    private static int[] Ids(JsonElement hits) => hits.EnumerateArray().Select(h => h.GetProperty("id").GetInt32()).ToArray();

    [Fact]
    public void Execute_Plain_ReturnsResultsInInputOrderWithIndexUidFirst()
    {
        var response = Run(new MultiSearchRequest { Queries = [Query("comics", "batman"), Query("movies", "joker")] });

        var results = response.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["comics", "movies"], results.Select(r => r.GetProperty("indexUid").GetString()));
        Assert.Equal("indexUid", results[0].EnumerateObject().First().Name);
        Assert.Equal([10, 11], Ids(results[0].GetProperty("hits")));
        Assert.Equal([3, 1], Ids(results[1].GetProperty("hits")));
    }

    [Fact]
    public void Execute_PlainWithUnknownIndex_ThrowsIndexNotFoundWithQueryPosition()
    {
        var error = Assert.Throws<MeiliException>(() =>
            Run(new MultiSearchRequest { Queries = [Query("movies", "joker"), Query("nope", "x")] }));

        Assert.Equal("index_not_found", error.Code.Name);
        Assert.Equal(400, error.Code.Status);
        Assert.Equal("Inside `.queries[1]`: Index `nope` not found.", error.Message);
    }

    [Fact]
    public void Execute_ParsedFederatedBody_MergesWithWeights()
    {
        var request = SearchRequestParser.ParseMultiSearch(
            """{"queries": [{"indexUid": "movies", "q": "batman"}, {"indexUid": "comics", "q": "batman", "federationOptions": {"weight": 2}}], "federation": {"limit": 3}}"""u8);

        var response = Run(request);

        Assert.Equal([10, 1, 11], Ids(response.GetProperty("hits")));
        Assert.Equal(3, response.GetProperty("limit").GetInt32());
    }

    [Fact]
    public void Execute_QueryError_IsPrefixedAndNothingIsWritten()
    {
        using var stream = new MemoryStream();
        using var writer = new Utf8JsonWriter(stream);

        var error = Assert.Throws<MeiliException>(() => MultiSearch.Execute(
            new MultiSearchRequest { Queries = [Query("movies", "joker"), Query("comics", "boom")] }, Resolve, writer));
        writer.Flush();

        Assert.Equal(ErrorCode.InvalidSearchFilter, error.Code);
        Assert.Equal("Inside `.queries[1]`: Attribute `x` is not filterable.", error.Message);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void Execute_Federated_MergesByRankingScore()
    {
        var response = Run(new MultiSearchRequest
        {
            Queries = [Query("movies", "batman"), Query("comics", "batman")],
            Federation = new FederationSettings(),
        });

        Assert.Equal([1, 10, 2, 11], Ids(response.GetProperty("hits")));
        Assert.Equal(4, response.GetProperty("estimatedTotalHits").GetInt32());
        Assert.Equal(20, response.GetProperty("limit").GetInt32());
        Assert.Equal(0, response.GetProperty("offset").GetInt32());
        Assert.True(response.TryGetProperty("processingTimeMs", out _));
    }

    [Fact]
    public void Execute_FederatedWithWeight_ReordersAndReportsWeightedScore()
    {
        var response = Run(new MultiSearchRequest
        {
            Queries = [Query("movies", "batman"), Query("comics", "batman", weight: 2.0)],
            Federation = new FederationSettings(),
        });

        var hits = response.GetProperty("hits");
        Assert.Equal([10, 1, 11, 2], Ids(hits));
        var federation = hits[0].GetProperty("_federation");
        Assert.Equal("comics", federation.GetProperty("indexUid").GetString());
        Assert.Equal(1, federation.GetProperty("queriesPosition").GetInt32());
        Assert.Equal(1.6, federation.GetProperty("weightedRankingScore").GetDouble(), 6);
    }

    [Fact]
    public void Execute_FederatedSameDocumentFromTwoQueries_AppearsOnceWithBestScore()
    {
        var response = Run(new MultiSearchRequest
        {
            Queries = [Query("movies", "joker"), Query("movies", "batman")],
            Federation = new FederationSettings(),
        });

        var hits = response.GetProperty("hits");
        Assert.Equal([3, 1, 2], Ids(hits));
        Assert.Equal(1, hits[1].GetProperty("_federation").GetProperty("queriesPosition").GetInt32());
        Assert.Equal(3, response.GetProperty("estimatedTotalHits").GetInt32());
    }

    [Fact]
    public void Execute_FederatedOffsetAndLimit_PageTheMergedList()
    {
        var response = Run(new MultiSearchRequest
        {
            Queries = [Query("movies", "batman"), Query("comics", "batman")],
            Federation = new FederationSettings { Offset = 1, Limit = 2 },
        });

        Assert.Equal([10, 2], Ids(response.GetProperty("hits")));
    }

    [Fact]
    public void Execute_FederatedQueryWithFacets_Throws()
    {
        var query = new MultiSearchQuery { IndexUid = "movies", Search = new SearchRequest { Q = "a", Facets = ["genre"] } };

        var error = Assert.Throws<MeiliException>(() => Run(new MultiSearchRequest { Queries = [query], Federation = new FederationSettings() }));

        Assert.Equal(ErrorCode.InvalidMultiSearchQueryFacets, error.Code);
        Assert.EndsWith("pass `federation.facetsByIndex.movies: [\"genre\"]` for facets in federated search", error.Message);
    }

    [Fact]
    public void Execute_FederatedFacetsByIndex_ReportsEachIndex()
    {
        var response = Run(new MultiSearchRequest
        {
            Queries = [Query("movies", "batman"), Query("comics", "batman")],
            Federation = new FederationSettings
            {
                FacetsByIndex = new Dictionary<string, IReadOnlyList<string>?> { ["movies"] = ["genre"], ["comics"] = ["genre"] },
            },
        });

        var byIndex = response.GetProperty("facetsByIndex");
        Assert.Equal(1, byIndex.GetProperty("movies").GetProperty("distribution").GetProperty("genre").GetProperty("drama").GetInt32());
        Assert.Equal(2, byIndex.GetProperty("comics").GetProperty("distribution").GetProperty("genre").GetProperty("action").GetInt32());
    }

    [Fact]
    public void Execute_FederatedMergeFacets_SumsCounts()
    {
        var response = Run(new MultiSearchRequest
        {
            Queries = [Query("movies", "batman"), Query("comics", "batman")],
            Federation = new FederationSettings
            {
                FacetsByIndex = new Dictionary<string, IReadOnlyList<string>?> { ["movies"] = ["genre"], ["comics"] = ["genre"] },
                MergeFacets = new MergeFacetsSettings(null),
            },
        });

        Assert.Equal(3, response.GetProperty("facetDistribution").GetProperty("genre").GetProperty("action").GetInt32());
        Assert.False(response.TryGetProperty("facetsByIndex", out _));
    }

    [Fact]
    public void Execute_FederatedBadFacet_UsesMultiSearchCode()
    {
        var error = Assert.Throws<MeiliException>(() => Run(new MultiSearchRequest
        {
            Queries = [Query("movies", "batman")],
            Federation = new FederationSettings
            {
                FacetsByIndex = new Dictionary<string, IReadOnlyList<string>?> { ["movies"] = ["nope"] },
            },
        }));

        Assert.Equal(ErrorCode.InvalidMultiSearchFacets, error.Code);
        Assert.StartsWith("Inside `.federation.facetsByIndex.movies`: ", error.Message);
        Assert.EndsWith("\n - Note: index `movies` used in `.queries[0]`", error.Message);
    }

    [Fact]
    public void Execute_FederatedUnknownIndex_ThrowsWithQueryPosition()
    {
        var error = Assert.Throws<MeiliException>(() => Run(new MultiSearchRequest
        {
            Queries = [Query("movies", "batman"), Query("zzz", "batman")],
            Federation = new FederationSettings(),
        }));

        Assert.Equal("Inside `.queries[1]`: Index `zzz` not found.", error.Message);
    }

    [Fact]
    public void Execute_FederatedShowRankingScore_KeepsUnweightedScore()
    {
        var response = Run(new MultiSearchRequest
        {
            Queries = [Query("comics", "batman", weight: 0.5, score: true)],
            Federation = new FederationSettings { Limit = 1 },
        });

        var hit = response.GetProperty("hits")[0];
        Assert.Equal(0.8, hit.GetProperty("_rankingScore").GetDouble(), 6);
        Assert.Equal(0.4, hit.GetProperty("_federation").GetProperty("weightedRankingScore").GetDouble(), 6);
    }
}
