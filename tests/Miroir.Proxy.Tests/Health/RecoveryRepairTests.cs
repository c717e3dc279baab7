using System.Text.Json;
using Miroir.Proxy.Server;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Health;

/// <summary>
/// Copies a node owes (repair hints) are repaired from a replica with a clean copy and then cleared: a failed node owes
/// every copy it holds (durably, through orchestrator restarts), a live node's owed copies are repaired periodically,
/// a copy with no clean source stays owed, and a repair never replaces a newer document.
/// </summary>
public sealed class RecoveryRepairTests
{
    private static string Documents(int from, int count, int rev = 1) =>
        "[" + string.Join(",", Enumerable.Range(from, count).Select(i => $$"""{"id":{{i}},"title":"doc {{i}}","rev":{{rev}}}""")) + "]";

    private static Task<MiroirClusterFixture> StartAsync(bool repairOnRecovery = true) =>
        MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 3, configure: c => c with
        {
            Health = AdminClient.FastHealth,
            Rebalancer = c.Rebalancer with { AutoRebalanceOnRecovery = repairOnRecovery },
        }, proxyOptions: new ProxyServerOptions { TaskPollInterval = TimeSpan.FromMilliseconds(20), HintRepairInterval = TimeSpan.FromMilliseconds(200) });

    private static async Task WriteAsync(MiroirClusterFixture cluster, string path, string body) =>
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, path, body)));

    private static async Task<int> NodeDocumentsAsync(MiroirClusterFixture cluster, int node)
    {
        using var direct = new HttpClient();
        using var stats = JsonDocument.Parse(await direct.GetStringAsync(cluster.Nodes[node]!.Url.TrimEnd('/') + "/indexes/docs/stats"));
        return stats.RootElement.GetProperty("numberOfDocuments").GetInt32();
    }

    private static async Task<int> OwedAsync(MiroirClusterFixture cluster, string nodeId) =>
        (await AdminClient.NodeAsync(cluster, nodeId)).GetProperty("owed_copies").GetInt32();

    private static Task WaitPaidAsync(MiroirClusterFixture cluster, string nodeId) =>
        AdminClient.WaitForAsync(cluster, nodeId, n => n.GetProperty("owed_copies").GetInt32() == 0);

    /// <summary>RF 3 in one group (writes keep their quorum, 2 of 3, while one node is down): 20 documents, node-1
    /// fails, 30 more are written.</summary>
    private static async Task NodeOneMissesWritesAsync(MiroirClusterFixture cluster)
    {
        await WriteAsync(cluster, "/indexes/docs/documents?primaryKey=id", Documents(0, 20));
        await cluster.StopNodeAsync(0);
        await AdminClient.WaitForStatusAsync(cluster, "node-1", "failed");
        await WriteAsync(cluster, "/indexes/docs/documents", Documents(20, 30));
    }

    [Fact]
    public async Task NodeFailed_OwesEveryCopy_RepairedAndClearedWhenBack()
    {
        await using var cluster = await StartAsync();
        await NodeOneMissesWritesAsync(cluster);
        await AdminClient.WaitForAsync(cluster, "node-1", n => n.GetProperty("owed_copies").GetInt32() == 12); // RF 3 on 3 nodes: every shard

        await cluster.StartNodeAsync(0);
        await WaitPaidAsync(cluster, "node-1");
        Assert.Equal(50, await NodeDocumentsAsync(cluster, 0));
        var metrics = await AdminClient.MetricsAsync(cluster);
        Assert.True(AdminClient.Sample(metrics, "miroir_antientropy_docs_repaired_total") >= 30);
    }

    [Fact]
    public async Task NodeFailed_DocumentDeletedMeanwhile_RepairDeletesItThere()
    {
        await using var cluster = await StartAsync();
        await WriteAsync(cluster, "/indexes/docs/documents?primaryKey=id", Documents(0, 20));
        await cluster.StopNodeAsync(0);
        await AdminClient.WaitForStatusAsync(cluster, "node-1", "failed");
        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Delete, "/indexes/docs/documents/5");
        Assert.Equal(202, status);
        await cluster.WaitForSuccessAsync(body.GetProperty("taskUid").GetInt64());

        // Node-1 still holds document 5: the tombstone must win over its copy, never copy it back.
        await cluster.StartNodeAsync(0);
        await WaitPaidAsync(cluster, "node-1");
        Assert.Equal(19, await NodeDocumentsAsync(cluster, 0));
        for (var i = 0; i < 6; i++)
        {
            var (found, _, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/docs/documents/5");
            Assert.Equal(404, found);
        }
    }

    [Fact]
    public async Task NodeOwesCopies_OrchestratorRestarts_StillOwedThenRepaired()
    {
        await using var cluster = await StartAsync();
        await NodeOneMissesWritesAsync(cluster);
        await AdminClient.WaitForAsync(cluster, "node-1", n => n.GetProperty("owed_copies").GetInt32() == 12);

        await cluster.RestartProxyAsync();
        Assert.Equal(12, await OwedAsync(cluster, "node-1")); // durable: replayed from the state log

        await cluster.StartNodeAsync(0);
        await WaitPaidAsync(cluster, "node-1");
        Assert.Equal(50, await NodeDocumentsAsync(cluster, 0));
    }

    [Fact]
    public async Task NodeBackFromFailure_RecoveryOff_OwesOnlyTheWritesItMissed()
    {
        await using var cluster = await StartAsync(repairOnRecovery: false);
        await NodeOneMissesWritesAsync(cluster);

        // No blanket debt for failing (that is auto_rebalance_on_recovery), but the copies acknowledged writes missed
        // are owed whatever that setting says: the 30 documents written meanwhile fall into 10 of node-1's 12 shards.
        Assert.Equal(10, await OwedAsync(cluster, "node-1"));
        await cluster.StartNodeAsync(0);
        await WaitPaidAsync(cluster, "node-1");
        Assert.Equal(50, await NodeDocumentsAsync(cluster, 0));
    }

    [Fact]
    public async Task LiveNodeOwesCopy_RepairedPeriodically()
    {
        await using var cluster = await StartAsync();
        await WriteAsync(cluster, "/indexes/docs/documents?primaryKey=id", Documents(0, 20));
        await cluster.WriteToNodeAsync(1, "indexes/docs/documents/delete-batch", "[1,2,3]");
        var shards = Enumerable.Range(0, 12).ToArray();
        await cluster.Proxy.Host.Hints.AddAsync("node-2", "docs", shards);

        await WaitPaidAsync(cluster, "node-2");
        Assert.Equal(20, await NodeDocumentsAsync(cluster, 1));
    }

    [Fact]
    public async Task NodeFailedAndBack_NoWriteMeanwhile_ForgivenAtOnce()
    {
        await using var cluster = await StartAsync();
        await WriteAsync(cluster, "/indexes/docs/documents?primaryKey=id", Documents(0, 20));
        await cluster.StopNodeAsync(2);
        await AdminClient.WaitForAsync(cluster, "node-3", n => n.GetProperty("owed_copies").GetInt32() == 12);
        await cluster.StartNodeAsync(2);
        await WaitPaidAsync(cluster, "node-3");
        Assert.Equal(0, (long)AdminClient.Sample(await AdminClient.MetricsAsync(cluster), "miroir_antientropy_docs_repaired_total"));
    }

    [Fact]
    public async Task EveryLiveReplicaOwesTheShard_OneDown_HintsKept()
    {
        await using var cluster = await StartAsync();
        await WriteAsync(cluster, "/indexes/docs/documents?primaryKey=id", Documents(0, 20));
        await cluster.StopNodeAsync(2); // node-3 fails: owes every copy, and may hold the newest ones
        await AdminClient.WaitForAsync(cluster, "node-3", n => n.GetProperty("owed_copies").GetInt32() == 12);
        await cluster.Proxy.Host.Hints.AddAsync("node-1", "docs", [4, 5]);
        await cluster.Proxy.Host.Hints.AddAsync("node-2", "docs", [4]);

        // Shard 5 has a clean live copy (node-2): repaired and cleared. Shard 4 has none: owed, round after round.
        await AdminClient.WaitForAsync(cluster, "node-1", n => n.GetProperty("owed_copies").GetInt32() == 1);
        await Task.Delay(1000);
        foreach (var node in new[] { "node-1", "node-2" })
        {
            var owed = (await AdminClient.NodeAsync(cluster, node)).GetProperty("owed");
            Assert.Equal([4], owed.GetProperty("docs").EnumerateArray().Select(s => s.GetInt32()));
        }
    }

    [Fact]
    public async Task EveryReplicaOwesTheShard_AllUp_ReconciledTogetherAndCleared()
    {
        await using var cluster = await StartAsync();
        await WriteAsync(cluster, "/indexes/docs/documents?primaryKey=id", Documents(0, 20));
        await cluster.WriteToNodeAsync(1, "indexes/docs/documents/delete-batch", "[1,2,3,4,5,6,7,8,9,10]");
        foreach (var node in new[] { "node-1", "node-2", "node-3" })
        {
            await cluster.Proxy.Host.Hints.AddAsync(node, "docs", Enumerable.Range(0, 12).ToArray());
        }

        foreach (var node in new[] { "node-1", "node-2", "node-3" })
        {
            await WaitPaidAsync(cluster, node);
        }

        Assert.Equal(20, await NodeDocumentsAsync(cluster, 1));
    }

    [Fact]
    public async Task Repair_TargetHoldsNewerCopy_NewerCopyWinsEverywhere()
    {
        await using var cluster = await StartAsync();
        await WriteAsync(cluster, "/indexes/docs/documents?primaryKey=id", Documents(0, 20));
        var view = cluster.Proxy.Host.Cluster.View;
        var shard = view.ShardMap(view.FindIndex("docs")!).Router.GetShard(7L);

        // Node-1 holds a newer revision (a later stamp) than the others: repairing node-1 must not undo it.
        var newer = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds();
        await cluster.WriteToNodeAsync(0, "indexes/docs/documents", $$"""[{"id":7,"title":"doc 7","rev":2,"_miroir_shard":{{shard}},"_miroir_updated_at":{{newer}}}]""");
        await cluster.Proxy.Host.Hints.AddAsync("node-1", "docs", [shard]);
        await WaitPaidAsync(cluster, "node-1");

        for (var node = 0; node < 3; node++)
        {
            using var direct = new HttpClient();
            using var doc = JsonDocument.Parse(await direct.GetStringAsync(cluster.Nodes[node]!.Url.TrimEnd('/') + "/indexes/docs/documents/7"));
            Assert.Equal(2, doc.RootElement.GetProperty("rev").GetInt32());
        }
    }
}
