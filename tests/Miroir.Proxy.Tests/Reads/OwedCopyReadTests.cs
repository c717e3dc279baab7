using System.Net;
using System.Text.Json;
using Miroir.Core.Configuration;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>
/// Reads never serve a copy its node owes (a repair hint) or a joining node's copy while another replica is live; when
/// it is the only live copy it serves, degraded. Node-1's copies are made stale behind Miroir's back (rev 0 where the
/// cluster holds rev 1), so a read that used them would show it. Anti-entropy is off: nothing repairs them meanwhile.
/// </summary>
public sealed class OwedCopyReadTests
{
    private const int Documents = 40;

    private static async Task<(MiroirClusterFixture Cluster, int[] Shards)> StaleNodeOneAsync(bool owes, UnavailableShardPolicy policy = UnavailableShardPolicy.Partial)
    {
        var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2, shards: 6, configure: c => c with
        {
            AntiEntropy = c.AntiEntropy with { Enabled = false },
            Scatter = c.Scatter with { UnavailableShardPolicy = policy },
        });
        var body = "[" + string.Join(",", Enumerable.Range(0, Documents).Select(i => $$"""{"id":{{i}},"rev":1}""")) + "]";
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/docs/documents?primaryKey=id", body)));

        var view = cluster.Proxy.Host.Cluster.View;
        var map = view.ShardMap(view.FindIndex("docs")!);
        var shards = map.GetShards(0).ToArray();
        var stale = Enumerable.Range(0, Documents).Select(i => (Id: i, Shard: map.Router.GetShard((long)i)))
            .Where(d => shards.Contains(d.Shard))
            .Select(d => $$"""{"id":{{d.Id}},"rev":0,"_miroir_shard":{{d.Shard}}}""");
        await cluster.WriteToNodeAsync(0, "indexes/docs/documents", "[" + string.Join(",", stale) + "]");
        if (owes)
        {
            await cluster.Proxy.Host.Hints.AddAsync("node-1", "docs", shards);
        }

        return (cluster, shards);
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(MiroirClusterFixture cluster, string path)
    {
        var response = await cluster.SendAsync(HttpMethod.Get, path);
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static async Task AssertNoStaleReadAsync(MiroirClusterFixture cluster)
    {
        // Several rounds: replica rotation makes node-1 the first choice for its shards in some of them.
        for (var round = 0; round < 3; round++)
        {
            for (var id = 0; id < Documents; id++)
            {
                var (response, doc) = await GetAsync(cluster, $"/indexes/docs/documents/{id}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(1, doc.GetProperty("rev").GetInt32());
                Assert.False(response.Headers.Contains("X-Miroir-Degraded"));
            }

            var (searched, search, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/docs/search", """{"q":"","limit":1000}""");
            Assert.Equal(200, searched);
            Assert.Equal(Documents, search.GetProperty("hits").GetArrayLength());
            Assert.All(search.GetProperty("hits").EnumerateArray(), h => Assert.Equal(1, h.GetProperty("rev").GetInt32()));

            var (listed, list) = await GetAsync(cluster, "/indexes/docs/documents?limit=1000");
            Assert.False(listed.Headers.Contains("X-Miroir-Degraded"));
            Assert.All(list.GetProperty("results").EnumerateArray(), d => Assert.Equal(1, d.GetProperty("rev").GetInt32()));

            var (_, facets, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/multi-search", """{"queries":[{"indexUid":"docs","q":"","limit":1000}]}""");
            Assert.All(facets.GetProperty("results")[0].GetProperty("hits").EnumerateArray(), h => Assert.Equal(1, h.GetProperty("rev").GetInt32()));
        }
    }

    [Fact]
    public async Task Reads_NodeOwesCopies_NeverServedWhileAnotherReplicaIsLive()
    {
        var (cluster, _) = await StaleNodeOneAsync(owes: true);
        await using var _cluster = cluster;
        await AssertNoStaleReadAsync(cluster);
    }

    [Fact]
    public async Task Reads_NodeJoining_NeverServedWhileAnotherReplicaIsLive()
    {
        var (cluster, _) = await StaleNodeOneAsync(owes: false);
        await using var _cluster = cluster;
        cluster.Proxy.Host.Cluster.NodeStates.Set("node-1", NodeState.Joining);
        await AssertNoStaleReadAsync(cluster);
    }

    [Fact]
    public async Task Reads_OwedCopyIsTheOnlyLiveOne_ServedAndMarkedDegraded()
    {
        var (cluster, shards) = await StaleNodeOneAsync(owes: true);
        await using var _cluster = cluster;
        await cluster.StopNodeAsync(1);
        await cluster.StopNodeAsync(2);

        var view = cluster.Proxy.Host.Cluster.View;
        var router = view.ShardMap(view.FindIndex("docs")!).Router;
        var onNodeOne = Enumerable.Range(0, Documents).Where(i => shards.Contains(router.GetShard((long)i))).ToArray();
        Assert.NotEmpty(onNodeOne);
        foreach (var id in onNodeOne)
        {
            var (response, doc) = await GetAsync(cluster, $"/indexes/docs/documents/{id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(0, doc.GetProperty("rev").GetInt32()); // the only copy left: served, not missing
            Assert.Equal("shards=" + router.GetShard((long)id), string.Join(',', response.Headers.GetValues("X-Miroir-Degraded")));
        }

        // Every shard is degraded: node-1's are served stale, the others have no live copy.
        var (searched, search, answer) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/docs/search", """{"q":"","limit":1000}""");
        Assert.Equal(200, searched);
        Assert.Equal(onNodeOne.Length, search.GetProperty("hits").GetArrayLength());
        Assert.Equal("shards=0,1,2,3,4,5", string.Join(',', answer.Headers.GetValues("X-Miroir-Degraded")));
    }

    [Fact]
    public async Task Stats_NodeOwesCopies_CountsFromCleanCopies()
    {
        var (cluster, shards) = await StaleNodeOneAsync(owes: true);
        await using var _cluster = cluster;

        // Node-1 loses its copies of two documents: a count taken from it would be short.
        var view = cluster.Proxy.Host.Cluster.View;
        var router = view.ShardMap(view.FindIndex("docs")!).Router;
        var ids = Enumerable.Range(0, Documents).Where(i => shards.Contains(router.GetShard((long)i))).Take(2);
        await cluster.WriteToNodeAsync(0, "indexes/docs/documents/delete-batch", "[" + string.Join(",", ids) + "]");

        for (var round = 0; round < 4; round++)
        {
            var (_, stats) = await GetAsync(cluster, "/indexes/docs/stats");
            Assert.Equal(Documents, stats.GetProperty("numberOfDocuments").GetInt32());
        }
    }

    [Fact]
    public async Task PolicyError_OwedCopyIsTheOnlyLiveOne_AnswersDegradedNot503()
    {
        var (cluster, _) = await StaleNodeOneAsync(owes: true, UnavailableShardPolicy.Error);
        await using var _cluster = cluster;
        await cluster.StopNodeAsync(1); // node-1's owed copies of the shards it shares with node-2 are now the only live ones

        // Every shard still has a live copy: nothing is unavailable, some answers come from owed copies, said so.
        var (searched, _, search) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/docs/search", """{"q":"","limit":1000}""");
        Assert.Equal(200, searched);
        Assert.True(search.Headers.Contains("X-Miroir-Degraded"));
        var (stats, body) = await GetAsync(cluster, "/indexes/docs/stats");
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.True(stats.Headers.Contains("X-Miroir-Degraded"));
        Assert.Equal(Documents, body.GetProperty("numberOfDocuments").GetInt32());
    }
}
