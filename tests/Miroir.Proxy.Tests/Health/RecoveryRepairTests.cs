using System.Text.Json;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Health;

/// <summary>A node back from failure is repaired before it serves reads (rebalancer.auto_rebalance_on_recovery).</summary>
public sealed class RecoveryRepairTests
{
    private static string Documents(int from, int count) =>
        "[" + string.Join(",", Enumerable.Range(from, count).Select(i => $$"""{"id":{{i}},"title":"doc {{i}}"}""")) + "]";

    /// <summary>RF 3 in one group (writes keep their quorum, 2 of 3, while one node is down): 20 documents, node-1
    /// fails, 30 more are written, node-1 comes back and is healthy again.</summary>
    private static async Task<MiroirClusterFixture> NodeMissesWritesAsync(bool repairOnRecovery)
    {
        var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 3, configure: c => c with
        {
            Health = AdminClient.FastHealth,
            Rebalancer = c.Rebalancer with { AutoRebalanceOnRecovery = repairOnRecovery },
        });
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/docs/documents?primaryKey=id", Documents(0, 20))));
        await cluster.StopNodeAsync(0);
        await AdminClient.WaitForStatusAsync(cluster, "node-1", "failed");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/docs/documents", Documents(20, 30))));
        await cluster.StartNodeAsync(0);
        await AdminClient.WaitForStatusAsync(cluster, "node-1", "healthy");
        return cluster;
    }

    [Fact]
    public async Task NodeBackFromFailure_RepairedBeforeReads_HoldsEveryDocumentWrittenWhileDown()
    {
        await using var cluster = await NodeMissesWritesAsync(repairOnRecovery: true);

        // Healthy again only after the repair pass: node-1 itself holds all 50 documents.
        using var direct = new HttpClient();
        using var stats = JsonDocument.Parse(await direct.GetStringAsync(cluster.Nodes[0]!.Url.TrimEnd('/') + "/indexes/docs/stats"));
        Assert.Equal(50, stats.RootElement.GetProperty("numberOfDocuments").GetInt32());
        var metrics = await AdminClient.MetricsAsync(cluster);
        Assert.True(AdminClient.Sample(metrics, "miroir_antientropy_docs_repaired_total") >= 30);
    }

    [Fact]
    public async Task NodeBackFromFailure_RecoveryOff_ServesReadsAtOnceWithoutRepair()
    {
        await using var cluster = await NodeMissesWritesAsync(repairOnRecovery: false);

        // Nothing repaired it: the node still misses what was written during its downtime.
        using var direct = new HttpClient();
        using var stats = JsonDocument.Parse(await direct.GetStringAsync(cluster.Nodes[0]!.Url.TrimEnd('/') + "/indexes/docs/stats"));
        Assert.Equal(20, stats.RootElement.GetProperty("numberOfDocuments").GetInt32());
    }
}
