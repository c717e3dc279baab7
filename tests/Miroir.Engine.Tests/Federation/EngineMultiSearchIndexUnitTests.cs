using System.Text.Json;
using Miroir.Engine.Indexing;
using Miroir.Engine.Search;
using Miroir.Engine.Search.Federation;

namespace Miroir.Engine.Tests.Federation;

public sealed class EngineMultiSearchIndexUnitTests
{
    private static JsonElement Run(string body, params EngineIndex[] indexes)
    {
        var request = SearchRequestParser.ParseMultiSearch(System.Text.Encoding.UTF8.GetBytes(body));
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            MultiSearch.Execute(request, uid => indexes.FirstOrDefault(i => i.Uid == uid) is { } index ? new EngineMultiSearchIndex(index) : null, writer);
        }
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    private static EngineIndex Named(string uid, params string[] documents)
    {
        var index = TestIndex.Create(null, documents);
        index.Uid = uid;
        return index;
    }

    [Fact]
    public void Execute_FederatedOverEngineIndexes_MergesAndTagsHits()
    {
        using var movies = Named("movies", """{"id": 1, "title": "Batman returns"}""", """{"id": 2, "title": "Batman"}""");
        using var comics = Named("comics", """{"id": "c1", "title": "Batman: the killing joke"}""");

        var response = Run("""{"federation": {}, "queries": [{"indexUid": "movies", "q": "batman"}, {"indexUid": "comics", "q": "batman"}]}""", movies, comics);

        var hits = response.GetProperty("hits");
        Assert.Equal(3, hits.GetArrayLength());
        Assert.Equal(3, response.GetProperty("estimatedTotalHits").GetInt32());
        var scores = hits.EnumerateArray().Select(h => h.GetProperty("_federation").GetProperty("weightedRankingScore").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Contains(hits.EnumerateArray(), h => h.GetProperty("_federation").GetProperty("indexUid").GetString() == "comics");
    }

    [Fact]
    public void Execute_PlainOverEngineIndexes_AnswersEachQuery()
    {
        using var movies = Named("movies", """{"id": 1, "title": "Batman returns"}""");

        var response = Run("""{"queries": [{"indexUid": "movies", "q": "batman"}, {"indexUid": "movies", "q": "nothing"}]}""", movies);

        var results = response.GetProperty("results");
        Assert.Equal(1, results[0].GetProperty("hits").GetArrayLength());
        Assert.Equal(0, results[1].GetProperty("hits").GetArrayLength());
        Assert.Equal("nothing", results[1].GetProperty("query").GetString());
    }
}
