using System.Net;
using Miroir.Core.Configuration;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>Stopped nodes: replicas take over; shards without any replica degrade (header) or fail (503) by policy.</summary>
public sealed class DegradedReadTests
{
    private const string Everything = """{"q":"","limit":1000,"facets":["section"]}""";

    [Fact]
    public async Task Search_OneNodeStopped_ReplicasAnswerCompleteResult()
    {
        await using var cluster = await ShardedCluster.StartAsync(documents: 600);
        await cluster.StopNodeAsync(1);
        for (var i = 0; i < 4; i++)
        {
            // Several searches so that the stopped node is the first choice for some shards in at least one of them.
            var (response, body) = await ReadJson.PostAsync(cluster.Proxy, "/indexes/packages/search", Everything);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("X-Miroir-Degraded"));
            Assert.Equal(600, body.GetProperty("estimatedTotalHits").GetInt32());
            Assert.Equal(600, ReadJson.Ids(body).Distinct().Count());
        }

        var (_, stats) = await ReadJson.GetAsync(cluster.Proxy, "/indexes/packages/stats");
        Assert.Equal(600, stats.GetProperty("numberOfDocuments").GetInt32());
        foreach (var doc in cluster.Documents.Take(100))
        {
            var (response, _) = await ReadJson.GetAsync(cluster.Proxy, $"/indexes/packages/documents/{doc["id"]}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Search_BothOwnersStopped_PartialWithDegradedHeader()
    {
        await using var cluster = await ShardedCluster.StartAsync(documents: 600);
        await cluster.StopNodeAsync(0);
        await cluster.StopNodeAsync(1);
        var lost = LostShards(cluster, 0, 1);
        Assert.NotEmpty(lost);

        var (response, body) = await ReadJson.PostAsync(cluster.Proxy, "/indexes/packages/search", Everything);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("shards=" + string.Join(',', lost), string.Join(',', response.Headers.GetValues("X-Miroir-Degraded")));
        var expected = cluster.Documents.Count(d => !lost.Contains(cluster.Map.Router.GetShard((long)d["id"]!)));
        Assert.Equal(expected, body.GetProperty("estimatedTotalHits").GetInt32());
        Assert.Equal(expected, ReadJson.Ids(body).Distinct().Count());

        var (listResponse, list) = await ReadJson.GetAsync(cluster.Proxy, "/indexes/packages/documents?limit=1000");
        Assert.True(listResponse.Headers.Contains("X-Miroir-Degraded"));
        Assert.Equal(expected, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Search_BothOwnersStoppedPolicyError_ServiceUnavailable()
    {
        await using var cluster = await ShardedCluster.StartAsync(documents: 300, policy: UnavailableShardPolicy.Error);
        await cluster.StopNodeAsync(2);
        await cluster.StopNodeAsync(3);
        Assert.NotEmpty(LostShards(cluster, 2, 3));

        var (response, body) = await ReadJson.PostAsync(cluster.Proxy, "/indexes/packages/search", Everything);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("miroir_shard_unavailable", body.GetProperty("code").GetString());
        var (fetch, _) = await ReadJson.PostAsync(cluster.Proxy, "/indexes/packages/documents/fetch", "{}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, fetch.StatusCode);
    }

    [Fact]
    public async Task Search_AllNodesUpPolicyError_Succeeds()
    {
        await using var cluster = await ShardedCluster.StartAsync(documents: 300, policy: UnavailableShardPolicy.Error);
        var (response, body) = await ReadJson.PostAsync(cluster.Proxy, "/indexes/packages/search", Everything);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(300, body.GetProperty("estimatedTotalHits").GetInt32());
    }

    private static List<int> LostShards(ShardedCluster cluster, params int[] stopped) =>
        [.. Enumerable.Range(0, cluster.Map.ShardCount).Where(s => cluster.Map.GetOwners(s, 0).ToArray().All(stopped.Contains))];
}
