using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Rebalancing;

public sealed class RebalanceRecoveryTests
{
    [Fact]
    public async Task Rebalance_OrchestratorRestartedMidCopy_ResumesAndFinishes()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2, shards: 32,
            configure: c => c with { Rebalancer = c.Rebalancer with { BatchSize = 10, BatchPauseMs = 30, MaxConcurrentMigrations = 1 } });
        await RebalanceKit.LoadAsync(cluster, 1500);
        var before = await RebalanceKit.ObserveAsync(cluster);
        var node4 = await cluster.StartExtraNodeAsync("node-4");
        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/_miroir/nodes", $$"""{"id":"node-4","address":"{{node4.Url}}","replica_group":0}""");
        Assert.True(status == 202, body.ToString());

        // Stop the orchestrator once some but not all shards are copied.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        int doneBefore;
        while (true)
        {
            var progress = await RebalanceKit.StatusAsync(cluster);
            doneBefore = progress.GetProperty("shardsDone").GetInt32();
            if (doneBefore >= 2 || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(20);
        }

        await cluster.RestartProxyAsync();
        var resumed = await RebalanceKit.StatusAsync(cluster);
        Assert.True(resumed.GetProperty("inProgress").GetBoolean(), resumed.ToString());
        Assert.True(resumed.GetProperty("shardsDone").GetInt32() >= doneBefore, resumed.ToString());

        var done = await RebalanceKit.WaitAsync(cluster);
        Assert.Equal(done.GetProperty("shardsTotal").GetInt32(), done.GetProperty("shardsDone").GetInt32());
        Assert.Equal(before, await RebalanceKit.ObserveAsync(cluster));

        // The finished topology survives another restart (the log, not the configuration, is authoritative).
        await cluster.RestartProxyAsync();
        var idle = await RebalanceKit.StatusAsync(cluster);
        Assert.False(idle.GetProperty("inProgress").GetBoolean());
        Assert.Equal(4, idle.GetProperty("nodes").GetArrayLength());
        Assert.Equal(before, await RebalanceKit.ObserveAsync(cluster));
    }

    [Fact]
    public async Task Rebalance_SourceReplicaDown_CopiesFromTheOtherOwner()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2, shards: 16);
        await RebalanceKit.LoadAsync(cluster, 600);
        var before = await RebalanceKit.ObserveAsync(cluster);
        await cluster.StopNodeAsync(0);

        var node4 = await cluster.StartExtraNodeAsync("node-4");
        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/_miroir/nodes", $$"""{"id":"node-4","address":"{{node4.Url}}","replica_group":0}""");
        Assert.True(status == 202, body.ToString());
        await RebalanceKit.WaitAsync(cluster);

        await cluster.StartNodeAsync(0);
        Assert.Equal(before, await RebalanceKit.ObserveAsync(cluster));
    }

    [Fact]
    public async Task Rebalance_NewNodeDown_PausesThenResumesOnRequest()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2, shards: 16);
        await RebalanceKit.LoadAsync(cluster, 600);
        var before = await RebalanceKit.ObserveAsync(cluster);
        var node4 = await cluster.StartExtraNodeAsync("node-4");
        var url = node4.Url;
        await cluster.StopExtraNodeAsync(node4);

        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/_miroir/nodes", $$"""{"id":"node-4","address":"{{url}}","replica_group":0}""");
        Assert.True(status == 202, body.ToString());
        var paused = await RebalanceKit.WaitAsync(cluster, allowPause: true);
        Assert.Equal("paused", paused.GetProperty("phase").GetString());
        Assert.Contains("node-4", paused.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.True(paused.GetProperty("inProgress").GetBoolean());

        // Reads and writes keep working on the current owners meanwhile; another operation must wait.
        Assert.Equal(before, await RebalanceKit.ObserveAsync(cluster));
        var (busy, busyBody, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/_miroir/nodes/node-1/drain");
        Assert.Equal(409, busy);
        Assert.Equal("miroir_rebalance_in_progress", busyBody.GetProperty("code").GetString());

        await cluster.StartExtraNodeAsync("node-4", new Uri(url).Port);
        var (resumed, resumedBody, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/_miroir/rebalance");
        Assert.True(resumed == 202, resumedBody.ToString());
        var done = await RebalanceKit.WaitAsync(cluster);
        Assert.Null(done.GetProperty("lastError").GetString());
        Assert.Equal(before, await RebalanceKit.ObserveAsync(cluster));

        var (idle, _, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/_miroir/rebalance");
        Assert.Equal(200, idle);
    }
}
