using System.Globalization;

namespace Miroir.Proxy.Tests.Parity;

/// <summary>The differences reported in issue 16, each against one engine node (3 nodes, RF 2).</summary>
public sealed class IssueParityTests
{
    [Fact]
    public async Task FacetSearch_MixedCaseValues_OrderedAsOneNode()
    {
        await using var pair = await ParityPair.StartAsync(3, 2, 12);
        var docs = string.Join(',', new[] { "Sci Fi", "action", "cartoon", "fantasy", "Sci Fi", "action", "Zombie", "Éclair" }
            .Select((g, i) => $$"""{"id":{{i}},"title":"film {{i}}","genre":"{{g}}"}"""));
        await pair.LoadAsync("movies", """{"filterableAttributes":["genre"]}""", $"[{docs}]");
        await pair.AssertSameAsync(HttpMethod.Post, "/indexes/movies/facet-search", """{"facetName":"genre"}""");
        await pair.AssertSameAsync(HttpMethod.Post, "/indexes/movies/search", """{"q":"","facets":["genre"],"limit":0}""");
        var (_, answer, _) = await pair.Cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/facet-search", """{"facetName":"genre"}""");
        Assert.Equal(["action", "cartoon", "Éclair", "fantasy", "Sci Fi", "Zombie"],
            answer.GetProperty("facetHits").EnumerateArray().Select(h => h.GetProperty("value").GetString()));
    }

    [Fact]
    public async Task HybridSearch_SemanticHitCount_CountsThePageAsOneNode()
    {
        await using var pair = await ParityPair.StartAsync(3, 2, 12);
        var docs = string.Join(',', Enumerable.Range(0, 60).Select(i =>
            $$$"""{"id":{{{i}}},"title":"{{{(i % 3 == 0 ? "red apple" : "green pear")}}} {{{i}}}","_vectors":{"default":[{{{Vector(i)}}}]}}"""));
        await pair.LoadAsync("fruit", """{"embedders":{"default":{"source":"userProvided","dimensions":3}}}""", $"[{docs}]");
        foreach (var ratio in new[] { "0.9", "1.0" })
        {
            var body = $$"""{"q":"apple","hybrid":{"embedder":"default","semanticRatio":{{ratio}}},"vector":[1,0.5,0.25],"limit":20}""";
            await pair.AssertSameAsync(HttpMethod.Post, "/indexes/fruit/search", body);
        }

        // At 0.5 one node finds 20 keyword hits good enough and skips the vector side, while each shard, holding fewer,
        // does not (docs/api-compatibility.md): the count still describes the page, never a sum over nodes.
        var (_, answer, _) = await pair.Cluster.SendJsonAsync(HttpMethod.Post, "/indexes/fruit/search",
            """{"q":"apple","hybrid":{"embedder":"default"},"vector":[1,0.5,0.25],"limit":20}""");
        Assert.InRange(answer.GetProperty("semanticHitCount").GetInt32(), 0, answer.GetProperty("hits").GetArrayLength());
    }

    [Fact]
    public async Task Stats_Rf2_FieldDistributionExactAndStable()
    {
        await using var pair = await ParityPair.StartAsync(3, 2, 12);
        var docs = string.Join(',', Enumerable.Range(0, 40).Select(i => i % 4 == 0
            ? $$"""{"id":{{i}},"title":"t{{i}}","genre":"g{{i % 3}}"}"""
            : $$"""{"id":{{i}},"title":"t{{i}}"}"""));
        await pair.LoadAsync("stats", "{}", $"[{docs}]");
        for (var call = 0; call < 5; call++)
        {
            await pair.AssertSameAsync(HttpMethod.Get, "/indexes/stats/stats", ignored: ParityIgnores.Stats);
        }

        var (_, stats, _) = await pair.Cluster.SendJsonAsync(HttpMethod.Get, "/indexes/stats/stats");
        Assert.Equal(10, stats.GetProperty("fieldDistribution").GetProperty("genre").GetInt32());
    }

    [Fact]
    public async Task PrimaryKey_InferredFromOneDocumentBatches_SameWhicheverNodeAnswers()
    {
        await using var pair = await ParityPair.StartAsync(3, 2, 12);
        for (var i = 0; i < 6; i++)
        {
            var (single, cluster) = await pair.WriteAsync(HttpMethod.Post, "/indexes/inferred/documents", $$"""[{"id":{{i}},"name":"n{{i}}"}]""");
            Assert.Empty(JsonDiff.Compare(single, cluster, ParityIgnores.Task));
        }

        for (var call = 0; call < 10; call++)
        {
            await pair.AssertSameAsync(HttpMethod.Get, "/indexes/inferred", ignored: ParityIgnores.IndexDates);
        }

        await pair.AssertSameAsync(HttpMethod.Get, "/indexes?limit=5", ignored: ParityIgnores.IndexDates);
    }

    [Fact]
    public async Task PhraseSearch_DefaultStrategy_DropsThePlainWordFirst()
    {
        await using var pair = await ParityPair.StartAsync(3, 2, 12);
        await pair.LoadAsync("films", "{}", """[{"id":1,"title":"Dumbo"},{"id":2,"title":"Bambi"},{"id":3,"title":"Coco"}]""");
        await pair.AssertSameAsync(HttpMethod.Post, "/indexes/films/search", """{"q":"coco \"dumbo\""}""");
        var (_, answer, _) = await pair.Cluster.SendJsonAsync(HttpMethod.Post, "/indexes/films/search", """{"q":"coco \"dumbo\""}""");
        Assert.Equal("Dumbo", answer.GetProperty("hits")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Tasks_DocumentWrites_SameTaskObjectsAsOneNode()
    {
        await using var pair = await ParityPair.StartAsync(3, 1, 6);
        var created = await pair.WriteAsync(HttpMethod.Post, "/indexes", """{"uid":"t","primaryKey":"id"}""");
        Assert.Empty(JsonDiff.Compare(created.Reference, created.Cluster, ParityIgnores.Task));
        var added = await pair.WriteAsync(HttpMethod.Post, "/indexes/t/documents", """[{"id":1},{"id":2},{"id":3}]""");
        Assert.Empty(JsonDiff.Compare(added.Reference, added.Cluster, ParityIgnores.Task));
        var deleted = await pair.WriteAsync(HttpMethod.Post, "/indexes/t/documents/delete-batch", "[1,7]");
        Assert.Empty(JsonDiff.Compare(deleted.Reference, deleted.Cluster, ParityIgnores.Task));
        var failed = await pair.WriteAsync(HttpMethod.Post, "/indexes/t/documents", """[{"name":"no id"}]""");
        Assert.Empty(JsonDiff.Compare(failed.Reference, failed.Cluster, ParityIgnores.Task));
    }

    private static string Vector(int i) => string.Join(',', new[] { Math.Cos(i), Math.Sin(i), (i % 7) / 7.0 }
        .Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)));
}
