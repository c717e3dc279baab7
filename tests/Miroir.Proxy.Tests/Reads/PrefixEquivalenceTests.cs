using System.Text.Json.Nodes;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>
/// A prefix with hundreds of words in the index (like <c>lib</c> in Debian package names), each in a few documents:
/// every node must expand it to the same words as one node holding everything, or totals and facet counts differ.
/// </summary>
public sealed class PrefixEquivalenceTests
{
    [Theory]
    [InlineData("""{"q":"lib","filter":"section = \"libs\"","facets":["priority"],"limit":5}""")]
    [InlineData("""{"q":"lib","facets":["priority","section"],"limit":0}""")]
    [InlineData("""{"q":"tool lib","facets":["priority"],"limit":5}""")]
    public async Task Search_PrefixWithManyWords_SameTotalAndFacetCountsAsOneNode(string query)
    {
        await using var cluster = await ShardedCluster.StartAsync(corpus: Corpus());
        var (_, expected) = await ReadJson.PostAsync(cluster.Reference, $"/indexes/{ShardedCluster.Uid}/search", query);
        var (response, sharded) = await ReadJson.PostAsync(cluster.Proxy, $"/indexes/{ShardedCluster.Uid}/search", query);
        Assert.True(response.IsSuccessStatusCode, sharded.ToString());
        Assert.True(expected.GetProperty("estimatedTotalHits").GetInt32() > 0);
        Assert.Equal(expected.GetProperty("estimatedTotalHits").GetInt32(), sharded.GetProperty("estimatedTotalHits").GetInt32());
        Assert.Equal(expected.GetProperty("facetDistribution").GetRawText(), sharded.GetProperty("facetDistribution").GetRawText());
    }

    // 400 words lib0000..lib0399 with uneven frequencies (1 to 6 documents), so each shard's most frequent words
    // differ from the whole index's; deterministic, no randomness.
    private static List<JsonObject> Corpus()
    {
        var docs = new List<JsonObject>();
        var id = 1L;
        for (var word = 0; word < 400; word++)
        {
            for (var copy = 0; copy <= (word * 7) % 6; copy++)
            {
                docs.Add(new JsonObject
                {
                    ["id"] = id,
                    ["name"] = $"lib{word:0000} tool",
                    ["section"] = id % 3 == 0 ? "devel" : "libs",
                    ["priority"] = (id % 5) switch { 0 => "required", 1 => "important", _ => "optional" },
                    ["installed_size_kb"] = id % 50,
                });
                id++;
            }
        }

        return docs;
    }
}
