using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Rebalancing;

public sealed class DrainAndGroupTests
{
    [Fact]
    public async Task DrainNode_ItsShardsMoveAway_ThenDeleteForgetsIt()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 4, replicationFactor: 2, shards: 32);
        await RebalanceKit.LoadAsync(cluster, 1500);
        var before = await RebalanceKit.ObserveAsync(cluster);

        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/_miroir/nodes/node-4/drain");
        Assert.True(status == 202, body.ToString());
        var done = await RebalanceKit.WaitAsync(cluster);
        Assert.Equal(3, done.GetProperty("nodes").GetArrayLength());
        Assert.Equal("node-4", done.GetProperty("drainedNodes")[0].GetString());

        // The drained node is out of every read and write: stopping it changes nothing.
        await cluster.StopNodeAsync(3);
        Assert.Equal(before, await RebalanceKit.ObserveAsync(cluster));
        var added = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents", RebalanceKit.Documents(10, 5000));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(added));
        Assert.Equal(1510, await RebalanceKit.CountAsync(cluster));

        var (forgot, forgotBody, _) = await cluster.SendJsonAsync(HttpMethod.Delete, "/_miroir/nodes/node-4");
        Assert.True(forgot == 200, forgotBody.ToString());
        var (again, againBody, _) = await cluster.SendJsonAsync(HttpMethod.Delete, "/_miroir/nodes/node-4");
        Assert.Equal(404, again);
        Assert.Equal("miroir_node_not_found", againBody.GetProperty("code").GetString());
    }

    [Fact]
    public async Task AddGroup_CopiesEveryShard_ThenRemovingTheOldGroupKeepsEverything()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 2, replicationFactor: 1, shards: 16);
        await RebalanceKit.LoadAsync(cluster, 800);
        var before = await RebalanceKit.ObserveAsync(cluster);

        var a = await cluster.StartExtraNodeAsync("node-a");
        var b = await cluster.StartExtraNodeAsync("node-b");
        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/_miroir/groups",
            $$"""{"nodes":[{"id":"node-a","address":"{{a.Url}}"},{"id":"node-b","address":"{{b.Url}}"}]}""");
        Assert.True(status == 202, body.ToString());
        var added = await RebalanceKit.WaitAsync(cluster);
        Assert.Equal(800, added.GetProperty("documentsMigrated").GetInt64());
        Assert.Equal(before, await RebalanceKit.ObserveAsync(cluster));

        // Group 0 goes; group 1 (now group 0) alone must hold everything.
        var (removed, removedBody, _) = await cluster.SendJsonAsync(HttpMethod.Delete, "/_miroir/groups/0");
        Assert.True(removed == 202, removedBody.ToString());
        var after = await RebalanceKit.WaitAsync(cluster);
        Assert.Equal(0, after.GetProperty("documentsMigrated").GetInt64());
        Assert.All(after.GetProperty("nodes").EnumerateArray(), n => Assert.Equal(0, n.GetProperty("replicaGroup").GetInt32()));
        await cluster.StopNodeAsync(0);
        await cluster.StopNodeAsync(1);
        Assert.Equal(before, await RebalanceKit.ObserveAsync(cluster));
    }
}
