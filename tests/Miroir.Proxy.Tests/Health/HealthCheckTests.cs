using System.Text.Json;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Health;

/// <summary>Active health checks against real engine nodes that are stopped and started again.</summary>
public sealed class HealthCheckTests
{
    private const string Documents = """[{"id":1,"t":"a"},{"id":2,"t":"b"},{"id":3,"t":"c"},{"id":4,"t":"d"},{"id":5,"t":"e"},{"id":6,"t":"f"}]""";

    [Fact]
    public async Task Probe_NodeStoppedThenStarted_FailedThenHealthyAgain()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(configure: c => c with { Health = AdminClient.FastHealth });
        // Nodes count as healthy before their first probe; wait until one answered.
        var before = await AdminClient.WaitForAsync(cluster, "node-2", n => n.GetProperty("last_seen_ms").ValueKind == JsonValueKind.Number);
        Assert.Equal("healthy", before.GetProperty("status").GetString());
        Assert.InRange(before.GetProperty("last_seen_ms").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());

        await cluster.StopNodeAsync(1);
        var failed = await AdminClient.WaitForStatusAsync(cluster, "node-2", "failed");
        Assert.Contains("unreachable", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(failed.GetProperty("consecutive_failures").GetInt32() >= 2);
        var metrics = await AdminClient.MetricsAsync(cluster);
        Assert.Equal(0, AdminClient.Sample(metrics, "miroir_node_healthy{node_id=\"node-2\"}"));
        Assert.Equal(1, AdminClient.Sample(metrics, "miroir_node_healthy{node_id=\"node-1\"}"));
        Assert.True(AdminClient.Sample(metrics, "miroir_degraded_shards_total") > 0);

        await cluster.StartNodeAsync(1);
        var recovered = await AdminClient.WaitForStatusAsync(cluster, "node-2", "healthy");
        Assert.False(recovered.TryGetProperty("error", out _));
        Assert.Equal(0, AdminClient.Sample(await AdminClient.MetricsAsync(cluster), "miroir_degraded_shards_total"));
    }

    [Fact]
    public async Task Search_NodeMarkedFailed_SkippedAndResultComplete()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(configure: c => c with { Health = AdminClient.FastHealth });
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/docs/documents?primaryKey=id", Documents)));
        await cluster.StopNodeAsync(0);
        await AdminClient.WaitForStatusAsync(cluster, "node-1", "failed");
        const string ReadsToFailed = "miroir_node_request_duration_seconds_count{node_id=\"node-1\",operation=\"read\"}";
        var readsBefore = AdminClient.Sample(await AdminClient.MetricsAsync(cluster), ReadsToFailed);

        for (var i = 0; i < 6; i++)
        {
            var (status, body, response) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/docs/search", """{"q":""}""");
            Assert.Equal(200, status);
            Assert.False(response.Headers.Contains("X-Miroir-Degraded"));
            Assert.Equal(6, body.GetProperty("estimatedTotalHits").GetInt32());
        }

        // The covering sets left the failed node out: not one read request was sent to it.
        Assert.Equal(readsBefore, AdminClient.Sample(await AdminClient.MetricsAsync(cluster), ReadsToFailed));
    }

    [Fact]
    public async Task Search_GroupNodeFailed_OtherGroupAnswersEverything()
    {
        // Two groups of one node each (RF 1): every shard of group 0 lives on node-1 alone.
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 2, replicationFactor: 1, replicaGroups: 2, configure: c => c with { Health = AdminClient.FastHealth });
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/docs/documents?primaryKey=id", Documents)));
        await cluster.StopNodeAsync(0);
        await AdminClient.WaitForStatusAsync(cluster, "node-1", "failed");
        const string ReadsToFailed = "miroir_node_request_duration_seconds_count{node_id=\"node-1\",operation=\"read\"}";
        var readsBefore = AdminClient.Sample(await AdminClient.MetricsAsync(cluster), ReadsToFailed);

        // Round-robin prefers group 0 every other search: each of those must move to group 1 whole.
        for (var i = 0; i < 4; i++)
        {
            var (status, body, response) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/docs/documents?limit=100");
            Assert.Equal(200, status);
            Assert.False(response.Headers.Contains("X-Miroir-Degraded"));
            Assert.Equal(6, body.GetProperty("total").GetInt32());
            (status, body, response) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/docs/search", """{"q":""}""");
            Assert.Equal(200, status);
            Assert.False(response.Headers.Contains("X-Miroir-Degraded"));
            Assert.Equal(6, body.GetProperty("estimatedTotalHits").GetInt32());
        }

        var metrics = await AdminClient.MetricsAsync(cluster);
        Assert.Equal(readsBefore, AdminClient.Sample(metrics, ReadsToFailed));
        Assert.Equal(1, AdminClient.Sample(metrics, "miroir_shard_coverage"));
    }

    [Fact]
    public async Task Write_NodeMarkedFailed_NotAskedAndDegradedHeader()
    {
        // Two groups of two nodes, RF 2 (write_quorum one): node-3 carries group 1's copy, node-4's is owed.
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 4, replicaGroups: 2, configure: c => c with { Health = AdminClient.FastHealth });
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/docs/documents?primaryKey=id", Documents)));
        await cluster.StopNodeAsync(3);
        await AdminClient.WaitForStatusAsync(cluster, "node-4", "failed");
        const string WritesToFailed = "miroir_node_request_duration_seconds_count{node_id=\"node-4\",operation=\"write\"}";
        var writesBefore = AdminClient.Sample(await AdminClient.MetricsAsync(cluster), WritesToFailed);

        var answer = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/docs/documents", """[{"id":7,"t":"g"}]""");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(answer));
        Assert.StartsWith("copies=node-4/", string.Join(',', answer.Response.Headers.GetValues("X-Miroir-Degraded")), StringComparison.Ordinal);

        var metrics = await AdminClient.MetricsAsync(cluster);
        Assert.True(AdminClient.Sample(metrics, "miroir_node_errors_total{node_id=\"node-4\",error_type=\"marked_failed\"}") >= 1);
        Assert.Equal(writesBefore, AdminClient.Sample(metrics, WritesToFailed));
        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/docs/search", """{"q":""}""");
        Assert.Equal(200, status);
        Assert.Equal(7, body.GetProperty("estimatedTotalHits").GetInt32());
    }

    [Fact]
    public async Task Search_NodeStoppedBeforeProbe_PassiveHealthMarksItSuspect()
    {
        // Probes every 10 minutes: only the failed request itself can make the node suspect.
        var slowProbes = AdminClient.FastHealth with { IntervalMs = 600_000, UnhealthyThreshold = 5 };
        await using var cluster = await MiroirClusterFixture.StartAsync(configure: c => c with { Health = slowProbes });
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/docs/documents?primaryKey=id", Documents)));
        await AdminClient.WaitForAsync(cluster, "node-1", n => n.GetProperty("last_seen_ms").ValueKind == JsonValueKind.Number);
        await cluster.StopNodeAsync(0);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(200, (await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/docs/search", """{"q":""}""")).Status);
        }

        var node = await AdminClient.NodeAsync(cluster, "node-1");
        Assert.NotEqual("healthy", node.GetProperty("status").GetString());
        Assert.True(node.TryGetProperty("error", out _));
    }
}
