using System.Text.Json.Nodes;
using Miroir.Core.Configuration;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>
/// Page walks over equal-score hits on real engine nodes whose replicas hold the same documents under different internal
/// ids (inserted in another order, as after repair copies), while replicas change between pages (a slow node with
/// hedging and adaptive selection, or random selection): the pages must join into the single request's order.
/// </summary>
public sealed class TiePagingTests
{
    private const int Documents = 480;
    private const int PageSize = 40;

    public static TheoryData<string, ReplicaStrategy> Walks => new()
    {
        { """{"q":""}""", ReplicaStrategy.Adaptive },
        { """{"q":"","sort":["installed_size_kb:asc"]}""", ReplicaStrategy.Adaptive },
        { """{"q":"item"}""", ReplicaStrategy.Adaptive },
        { """{"q":""}""", ReplicaStrategy.Random },
        { """{"q":"","sort":["installed_size_kb:desc"],"filter":"priority = optional"}""", ReplicaStrategy.Random },
        { """{"q":"item"}""", ReplicaStrategy.Random },
    };

    [Theory]
    [MemberData(nameof(Walks))]
    public async Task PageWalk_EqualScoresAndReplicasChanging_NoRepeatNoGapSameOrderAsOneRequest(string query, ReplicaStrategy strategy)
    {
        await using var cluster = await ShardedCluster.StartAsync(corpus: Corpus(), replicasDisagree: true, strategy: strategy);
        var whole = await IdsAsync(cluster, query, 0, Documents);
        Assert.NotEmpty(whole);
        Assert.Equal(whole.Count, whole.Distinct().Count());

        // Hedging and adaptive selection learn the nodes' latencies; then one node turns slow, another one later.
        for (var i = 0; i < 10; i++)
        {
            await IdsAsync(cluster, query, 0, PageSize);
        }

        var walked = new List<string>();
        for (var offset = 0; offset < whole.Count; offset += PageSize)
        {
            cluster.Nodes[(offset / PageSize) < 6 ? 1 : 2].Delay = TimeSpan.FromMilliseconds(120);
            cluster.Nodes[(offset / PageSize) < 6 ? 2 : 1].Delay = TimeSpan.Zero;
            walked.AddRange(await IdsAsync(cluster, query, offset, PageSize));
        }

        Assert.Equal(whole, walked);
    }

    [Fact]
    public async Task Placeholder_EqualScores_OrderedByPrimaryKeyWhateverTheReplicas()
    {
        await using var cluster = await ShardedCluster.StartAsync(corpus: Corpus(), replicasDisagree: true, strategy: ReplicaStrategy.Random);
        var ids = await IdsAsync(cluster, """{"q":""}""", 0, Documents);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    private static async Task<List<string>> IdsAsync(ShardedCluster cluster, string query, int offset, int limit)
    {
        var body = JsonNode.Parse(query)!.AsObject();
        body["offset"] = offset;
        body["limit"] = limit;
        var (response, json) = await ReadJson.PostAsync(cluster.Proxy, $"/indexes/{ShardedCluster.Uid}/search", body.ToJsonString());
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        Assert.False(response.Headers.Contains("X-Miroir-Degraded"), "a page came back degraded");
        return ReadJson.Ids(json);
    }

    // Every document has the word "item" once in the same place (equal scores); sizes and priorities repeat a lot.
    private static List<JsonObject> Corpus() =>
    [
        .. Enumerable.Range(1, Documents).Select(i => new JsonObject
        {
            ["id"] = (long)i,
            ["name"] = "item",
            ["section"] = "s" + (i % 3),
            ["priority"] = i % 4 == 0 ? "required" : "optional",
            ["installed_size_kb"] = i % 5,
        }),
    ];
}
