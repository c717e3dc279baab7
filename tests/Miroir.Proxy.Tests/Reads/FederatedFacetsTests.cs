using System.Text.Json.Nodes;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>
/// Federated multi-search with <c>facetsByIndex</c> and <c>mergeFacets</c> through the orchestrator (real engine nodes,
/// RF 2) answers the facets of one node holding the whole corpus: the union of the index's queries, counted once.
/// </summary>
public sealed class FederatedFacetsTests
{
    private const string Queries =
        """[{"indexUid":"packages","q":"tool"},{"indexUid":"packages","q":"","filter":"priority = required","federationOptions":{"weight":0.5}}]""";

    [Theory]
    [InlineData("""{"limit":5,"facetsByIndex":{"packages":["section","priority","installed_size_kb"]}}""", "facetsByIndex")]
    [InlineData("""{"limit":5,"facetsByIndex":{"packages":["section","priority","installed_size_kb"]},"mergeFacets":{}}""", "facetDistribution")]
    [InlineData("""{"limit":5,"facetsByIndex":{"packages":["section","installed_size_kb"]},"mergeFacets":{"maxValuesPerFacet":2}}""", "facetDistribution")]
    public async Task FederatedMultiSearch_FacetsByIndex_SameFacetsAsOneNode(string federation, string member)
    {
        await using var cluster = await ShardedCluster.StartAsync(corpus: Corpus());
        var body = $$"""{"federation":{{federation}},"queries":{{Queries}}}""";
        var (_, expected) = await ReadJson.PostAsync(cluster.Reference, "/multi-search", body);
        var (response, sharded) = await ReadJson.PostAsync(cluster.Proxy, "/multi-search", body);
        Assert.True(response.IsSuccessStatusCode, sharded.ToString());
        Assert.True(expected.TryGetProperty(member, out var want), expected.ToString());
        Assert.True(sharded.TryGetProperty(member, out var got), sharded.ToString());
        Assert.Equal(want.GetRawText(), got.GetRawText());
        if (member == "facetDistribution")
        {
            Assert.Equal(expected.GetProperty("facetStats").GetRawText(), sharded.GetProperty("facetStats").GetRawText());
            Assert.False(sharded.TryGetProperty("facetsByIndex", out _));
        }

        Assert.DoesNotContain("_miroir", sharded.GetRawText(), StringComparison.Ordinal);
    }

    // The two queries overlap (some "tool" documents are required ones): a per-query sum would count them twice.
    private static List<JsonObject> Corpus() =>
    [
        .. Enumerable.Range(1, 300).Select(i => new JsonObject
        {
            ["id"] = (long)i,
            ["name"] = i % 3 == 0 ? "tool number " + i : "package " + i,
            ["section"] = "s" + (i % 7),
            ["priority"] = (i % 4) switch { 0 => "required", 1 => "important", _ => "optional" },
            ["installed_size_kb"] = i * 3 % 1000,
        }),
    ];
}
