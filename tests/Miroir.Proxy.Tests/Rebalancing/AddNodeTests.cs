using Miroir.Proxy.Tests.Cluster;
using Xunit.Abstractions;

namespace Miroir.Proxy.Tests.Rebalancing;

public sealed class AddNodeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AddNode_FourthToThreeRf2_MovesAQuarterAndKeepsEveryResult()
    {
        const int Documents = 4000;
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2, shards: 64);
        await RebalanceKit.LoadAsync(cluster, Documents);
        var before = await RebalanceKit.ObserveAsync(cluster);

        var node4 = await cluster.StartExtraNodeAsync("node-4");
        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/_miroir/nodes", $$"""{"id":"node-4","address":"{{node4.Url}}","replica_group":0}""");
        Assert.True(status == 202, body.ToString());
        Assert.True(body.GetProperty("rebalance").GetProperty("inProgress").GetBoolean());

        var done = await RebalanceKit.WaitAsync(cluster);
        var moved = done.GetProperty("documentsMigrated").GetInt64();
        var fraction = moved / (double)(Documents * 2);
        output.WriteLine($"moved {moved} of {Documents * 2} stored copies = {fraction:P2} (optimum 25%), shards {done.GetProperty("shardsDone")}/{done.GetProperty("shardsTotal")}, {done.GetProperty("durationSeconds")} s");
        Assert.InRange(fraction, 0.01, 1.1 * 0.25);
        Assert.Equal(done.GetProperty("shardsTotal").GetInt32(), done.GetProperty("shardsDone").GetInt32());
        Assert.False(done.GetProperty("inProgress").GetBoolean());
        Assert.Equal(4, done.GetProperty("nodes").GetArrayLength());

        Assert.Equal(before, await RebalanceKit.ObserveAsync(cluster));

        // The new node serves its shards, and after the deletes every document is stored exactly RF times.
        var urls = cluster.Nodes.Select(n => n!.Url).Append(node4.Url).ToArray();
        await RebalanceKit.WaitIdleAsync(urls);
        Assert.Equal(moved, await RebalanceKit.NodeCountAsync(node4.Url));
        long stored = 0;
        foreach (var url in urls)
        {
            stored += await RebalanceKit.NodeCountAsync(url);
        }

        Assert.Equal(Documents * 2, stored);
    }

    [Fact]
    public async Task AddNode_WritesDuringTheCopy_ReachTheNewOwner()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2, shards: 16,
            configure: c => c with { Rebalancer = c.Rebalancer with { BatchSize = 25, BatchPauseMs = 20, MaxConcurrentMigrations = 1 } });
        await RebalanceKit.LoadAsync(cluster, 1000);
        var node4 = await cluster.StartExtraNodeAsync("node-4");
        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/_miroir/nodes", $$"""{"id":"node-4","address":"{{node4.Url}}","replica_group":0}""");
        Assert.True(status == 202, body.ToString());

        // Adds, replacements and deletes while shards are being copied.
        var added = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents", RebalanceKit.Documents(300, 1001));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(added));
        var deleted = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents/delete-batch", "[1,2,3,4,5,6,7,8,9,10]");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(deleted));
        Assert.True((await RebalanceKit.StatusAsync(cluster)).GetProperty("inProgress").GetBoolean(), "the writes should land while the rebalance runs");

        await RebalanceKit.WaitAsync(cluster);
        Assert.Equal(1290, await RebalanceKit.CountAsync(cluster));
        for (var id = 1; id <= 1300; id += 37)
        {
            var (got, _, _) = await cluster.SendJsonAsync(HttpMethod.Get, $"/indexes/movies/documents/{id}");
            Assert.Equal(id <= 10 ? 404 : 200, got);
        }

        // Every document is on exactly its RF owners: the copies and the dual writes reached node 4, the deletes the losers.
        var urls = cluster.Nodes.Select(n => n!.Url).Append(node4.Url).ToArray();
        await RebalanceKit.WaitIdleAsync(urls);
        long stored = 0;
        foreach (var url in urls)
        {
            stored += await RebalanceKit.NodeCountAsync(url);
        }

        Assert.Equal(1290 * 2, stored);
    }

    [Fact]
    public async Task AddNode_IndexCreatedDuringTheCopy_IsMovedToo()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2, shards: 16,
            configure: c => c with { Rebalancer = c.Rebalancer with { BatchSize = 10, BatchPauseMs = 100, MaxConcurrentMigrations = 1 } });
        await RebalanceKit.LoadAsync(cluster, 800);
        var node4 = await cluster.StartExtraNodeAsync("node-4");
        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/_miroir/nodes", $$"""{"id":"node-4","address":"{{node4.Url}}","replica_group":0}""");
        Assert.True(status == 202, body.ToString());

        await RebalanceKit.LoadAsync(cluster, 300, "late");
        Assert.True((await RebalanceKit.StatusAsync(cluster)).GetProperty("inProgress").GetBoolean(), "the index should appear while the rebalance runs");
        await RebalanceKit.WaitAsync(cluster);

        Assert.Equal(300, await RebalanceKit.CountAsync(cluster, "late"));
        Assert.Equal(800, await RebalanceKit.CountAsync(cluster));
        var urls = cluster.Nodes.Select(n => n!.Url).Append(node4.Url).ToArray();
        await RebalanceKit.WaitIdleAsync(urls);
        long stored = 0;
        foreach (var url in urls)
        {
            stored += await RebalanceKit.NodeCountAsync(url, "late");
        }

        Assert.Equal(600, stored);
        Assert.True(await RebalanceKit.NodeCountAsync(node4.Url, "late") > 0);

        // Its settings reached the new node: a sort on id works across every owner.
        var observed = await RebalanceKit.ObserveAsync(cluster, "late");
        Assert.Contains("sorted=300,299,298", observed, StringComparison.Ordinal);
    }
}
