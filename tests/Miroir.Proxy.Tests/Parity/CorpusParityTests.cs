using System.Text.Json;
using Miroir.Tests.Shared;

namespace Miroir.Proxy.Tests.Parity;

/// <summary>The checked-in corpora (Debian packages, world cities) on one node and on a cluster: the same answers.</summary>
public sealed class CorpusParityTests
{
    private const string DebianSettings = """
        {"filterableAttributes":["section","priority","architecture","installed_size_kb"],
         "sortableAttributes":["installed_size_kb","name"]}
        """;

    private const string CitySettings = """
        {"filterableAttributes":["_geo","country","population","timezone"],"sortableAttributes":["_geo","population"],
         "searchableAttributes":["name","asciiname","country"]}
        """;

    [Theory]
    [InlineData(3, 2, 12)]
    [InlineData(2, 1, 5)]
    public async Task Debian_SearchFacetsStatsDocuments_SameAsOneNode(int nodes, int replicationFactor, int shards)
    {
        await using var pair = await ParityPair.StartAsync(nodes, replicationFactor, shards);
        await pair.LoadAsync("pkgs", DebianSettings, "[" + string.Join(',', TestData.DebianLines(800, stride: 7)) + "]");
        string[] searches =
        [
            """{"q":"python library","limit":15,"showRankingScore":true}""",
            """{"q":"gnome","filter":"section = gnome OR priority = optional","facets":["section","priority"],"limit":10}""",
            """{"q":"pyhton ","limit":10,"attributesToRetrieve":["name","section"]}""",
            """{"q":"","filter":["priority = optional","installed_size_kb > 1000"],"facets":["section","installed_size_kb"],"page":2,"hitsPerPage":12}""",
            """{"q":"lib","sort":["installed_size_kb:desc"],"limit":12,"offset":5,"showRankingScoreDetails":true}""",
            """{"q":"game \"strategy\"","limit":10,"attributesToHighlight":["summary"],"attributesToCrop":["description"],"cropLength":8}""",
            """{"q":"network tools","matchingStrategy":"all","limit":10,"facets":["architecture"]}""",
            """{"q":"data","limit":10,"sort":["name:asc"]}""",
        ];
        foreach (var search in searches)
        {
            await pair.AssertSameAsync(HttpMethod.Post, "/indexes/pkgs/search", search);
        }

        await pair.AssertSameAsync(HttpMethod.Get, "/indexes/pkgs/search?q=editor&limit=7&facets=section");
        await pair.AssertSameAsync(HttpMethod.Post, "/indexes/pkgs/facet-search", """{"facetName":"section","facetQuery":"li"}""");
        await pair.AssertSameAsync(HttpMethod.Post, "/indexes/pkgs/facet-search", """{"facetName":"section","q":"python"}""");
        await pair.AssertSameAsync(HttpMethod.Get, "/indexes/pkgs/stats", ignored: ParityIgnores.Stats);
        await pair.AssertSameAsync(HttpMethod.Get, "/indexes/pkgs", ignored: ParityIgnores.IndexDates);
        await pair.AssertSameAsync(HttpMethod.Get, "/indexes/pkgs/documents/1");
        await pair.AssertSameAsync(HttpMethod.Get, "/indexes/pkgs/settings");
    }

    [Fact]
    public async Task Cities_GeoSortAndFilter_SameAsOneNode()
    {
        await using var pair = await ParityPair.StartAsync(3, 2, 8);
        using var cities = JsonDocument.Parse(TestData.Open(TestData.WorldCities));
        var some = "[" + string.Join(',', cities.RootElement.EnumerateArray().Where((_, i) => i % 5 == 0)
            .Select(c => c.GetRawText())) + "]";
        await pair.WriteAsync(HttpMethod.Post, "/indexes", """{"uid":"cities","primaryKey":"geonameid"}""");
        await pair.WriteAsync(HttpMethod.Patch, "/indexes/cities/settings", CitySettings);
        await pair.WriteAsync(HttpMethod.Post, "/indexes/cities/documents", some);
        await pair.AssertSameAsync(HttpMethod.Post, "/indexes/cities/search",
            """{"q":"","sort":["_geoPoint(48.85,2.35):asc"],"limit":20,"attributesToRetrieve":["name","country"]}""");
        await pair.AssertSameAsync(HttpMethod.Post, "/indexes/cities/search",
            """{"q":"san","filter":"_geoRadius(37.77, -122.42, 800000)","sort":["population:desc"],"limit":10,"facets":["country"]}""");
        await pair.AssertSameAsync(HttpMethod.Post, "/indexes/cities/search",
            """{"q":"","filter":"population > 1000000","facets":["country","population"],"limit":0}""");
        await pair.AssertSameAsync(HttpMethod.Get, "/indexes/cities/stats", ignored: ParityIgnores.Stats);
    }
}
