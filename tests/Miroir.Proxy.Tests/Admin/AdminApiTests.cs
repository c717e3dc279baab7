using System.Net.Http.Headers;
using System.Text.Json;
using Miroir.Core.Configuration;
using Miroir.Proxy.Server;
using Miroir.Proxy.Tests.Cluster;
using Miroir.Proxy.Tests.Health;

namespace Miroir.Proxy.Tests.Admin;

public sealed class AdminApiTests
{
    private const string AdminKey = "admin-key-for-tests";
    private const string MasterKey = "master-key-for-tests";

    private static Task<MiroirClusterFixture> StartAsync(int nodes = 3, ProxyServerOptions? options = null) =>
        MiroirClusterFixture.StartAsync(nodes: nodes, replicationFactor: Math.Min(nodes, 2), proxyOptions: options, configure: c => c with
        {
            MasterKey = MasterKey,
            Admin = new AdminConfig { ApiKey = AdminKey },
            Health = AdminClient.FastHealth,
        });

    private static async Task<(int Status, JsonElement Body)> GetAsync(MiroirClusterFixture cluster, string path, Action<HttpRequestHeaders>? auth)
    {
        using var client = new HttpClient { BaseAddress = new Uri(cluster.Proxy.Url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        auth?.Invoke(request.Headers);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 || text[0] != '{' ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Theory]
    [InlineData("/_miroir/topology")]
    [InlineData("/_miroir/nodes")]
    [InlineData("/_miroir/metrics")]
    [InlineData("/_miroir/anything-another-feature-adds")]
    public async Task AdminPath_NoOrWrongOrMasterKey_Unauthorized(string path)
    {
        await using var cluster = await StartAsync(nodes: 1);
        var none = await GetAsync(cluster, path, null);
        var wrong = await GetAsync(cluster, path, h => h.Add("X-Admin-Key", "wrong"));
        var master = await GetAsync(cluster, path, h => h.Authorization = new AuthenticationHeaderValue("Bearer", MasterKey));

        foreach (var (status, body) in new[] { none, wrong, master })
        {
            Assert.Equal(401, status);
            Assert.Equal("miroir_invalid_auth", body.GetProperty("code").GetString());
            Assert.Equal("auth", body.GetProperty("type").GetString());
            Assert.True(body.TryGetProperty("link", out _));
        }
    }

    [Fact]
    public async Task AdminPath_BearerOrHeaderKey_Authorized()
    {
        await using var cluster = await StartAsync(nodes: 1);
        var bearer = await GetAsync(cluster, "/_miroir/nodes", h => h.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey));
        var header = await GetAsync(cluster, "/_miroir/nodes", h => h.Add("X-Admin-Key", AdminKey));
        Assert.Equal(200, bearer.Status);
        Assert.Equal(200, header.Status);

        // The admin key is not a client key.
        var search = await GetAsync(cluster, "/indexes", h => h.Add("X-Admin-Key", AdminKey));
        Assert.Equal(401, search.Status);
    }

    [Fact]
    public async Task AdminPath_NoAdminKey_MasterKeyGuardsIt()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1, configure: c => c with { MasterKey = MasterKey });
        Assert.Equal(401, (await GetAsync(cluster, "/_miroir/topology", null)).Status);
        Assert.Equal(200, (await GetAsync(cluster, "/_miroir/topology", h => h.Authorization = new AuthenticationHeaderValue("Bearer", MasterKey))).Status);
    }

    [Fact]
    public async Task AdminPath_AdminDisabled_NotFound()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1, configure: c => c with { Admin = new AdminConfig { Enabled = false } });
        var (status, body) = await GetAsync(cluster, "/_miroir/topology", null);
        Assert.Equal(404, status);
        Assert.Equal("not_found", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Topology_AllHealthy_DescribesFleet()
    {
        await using var cluster = await StartAsync();
        await AdminClient.WaitForStatusAsync(cluster, "node-1", "healthy");
        var (status, body) = await GetAsync(cluster, "/_miroir/topology", h => h.Add("X-Admin-Key", AdminKey));

        Assert.Equal(200, status);
        Assert.Equal(12, body.GetProperty("shards").GetInt32());
        Assert.Equal(2, body.GetProperty("replication_factor").GetInt32());
        Assert.Equal(0, body.GetProperty("degraded_node_count").GetInt32());
        Assert.False(body.GetProperty("rebalance_in_progress").GetBoolean());
        Assert.True(body.GetProperty("fully_covered").GetBoolean());
        var nodes = body.GetProperty("nodes").EnumerateArray().ToArray();
        Assert.Equal(["node-1", "node-2", "node-3"], nodes.Select(n => n.GetProperty("id").GetString()));
        Assert.All(nodes, n => Assert.Equal("healthy", n.GetProperty("status").GetString()));
        // RF 2 over 3 nodes: 24 shard copies.
        Assert.Equal(24, nodes.Sum(n => n.GetProperty("shard_count").GetInt32()));
    }

    [Fact]
    public async Task ShardsAndReady_BothOwnersOfAShardFailed_ShowsFailedOwnersAnd503()
    {
        await using var cluster = await StartAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"docs","primaryKey":"id"}""")));
        Assert.Equal(200, (await GetAsync(cluster, "/_miroir/ready", h => h.Add("X-Admin-Key", AdminKey))).Status);

        await cluster.StopNodeAsync(0);
        await cluster.StopNodeAsync(1);
        await AdminClient.WaitForStatusAsync(cluster, "node-1", "failed");
        await AdminClient.WaitForStatusAsync(cluster, "node-2", "failed");

        var (readyStatus, ready) = await GetAsync(cluster, "/_miroir/ready", h => h.Add("X-Admin-Key", AdminKey));
        Assert.Equal(503, readyStatus);
        Assert.Equal("miroir_shard_unavailable", ready.GetProperty("code").GetString());

        var (status, body) = await GetAsync(cluster, "/_miroir/shards", h => h.Add("X-Admin-Key", AdminKey));
        Assert.Equal(200, status);
        var index = Assert.Single(body.GetProperty("indexes").EnumerateArray());
        Assert.Equal("docs", index.GetProperty("uid").GetString());
        var shards = index.GetProperty("shards").EnumerateArray().ToArray();
        Assert.Equal(12, shards.Length);
        foreach (var shard in shards)
        {
            var owners = shard.GetProperty("owners").EnumerateArray().ToArray();
            Assert.Equal(2, owners.Length);
            var onlyStopped = owners.All(o => o.GetProperty("node_id").GetString() is "node-1" or "node-2");
            Assert.Equal(!onlyStopped, shard.GetProperty("covered").GetBoolean());
            Assert.True(shard.GetProperty("degraded").GetBoolean());
            Assert.All(owners, o => Assert.Equal(o.GetProperty("node_id").GetString() == "node-3" ? "healthy" : "failed", o.GetProperty("status").GetString()));
        }

        Assert.Contains(shards, s => !s.GetProperty("covered").GetBoolean());
        var (_, topology) = await GetAsync(cluster, "/_miroir/topology", h => h.Add("X-Admin-Key", AdminKey));
        Assert.False(topology.GetProperty("fully_covered").GetBoolean());
        Assert.Equal(2, topology.GetProperty("degraded_node_count").GetInt32());
    }

    [Fact]
    public async Task Metrics_AfterRequests_UseRouteTemplatesNotRawPaths()
    {
        await using var cluster = await StartAsync(nodes: 1);
        await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/some-index/search", """{"q":""}""");
        await cluster.SendJsonAsync(HttpMethod.Get, "/no/such/route");
        using var client = new HttpClient { BaseAddress = new Uri(cluster.Proxy.Url) };
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        using var response = await client.GetAsync("/_miroir/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("miroir_requests_total{method=\"POST\",path_template=\"/indexes/{uid}/search\",status=\"404\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("miroir_request_duration_seconds_count{method=\"GET\",path_template=\"unmatched\",status=\"404\"} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("some-index", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE miroir_requests_in_flight gauge\nmiroir_requests_in_flight 1\n", text, StringComparison.Ordinal);
        foreach (var name in new[]
        {
            "miroir_node_healthy", "miroir_node_request_duration_seconds", "miroir_node_errors_total", "miroir_shard_coverage",
            "miroir_degraded_shards_total", "miroir_shard_distribution", "miroir_task_processing_age_seconds", "miroir_tasks_total",
            "miroir_task_registry_size", "miroir_scatter_fan_out_size", "miroir_scatter_partial_responses_total",
            "miroir_scatter_retries_total", "miroir_rebalance_in_progress", "miroir_rebalance_documents_migrated_total",
            "miroir_rebalance_duration_seconds", "miroir_antientropy_shards_scanned_total", "miroir_antientropy_mismatches_found_total",
            "miroir_antientropy_docs_repaired_total", "miroir_antientropy_last_scan_completed_seconds",
            "miroir_antientropy_tombstone_deletes_total", "miroir_antientropy_tombstones", "miroir_antientropy_tombstones_dropped_total",
        })
        {
            Assert.Contains("# TYPE " + name + " ", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MetricsListener_NoAuth_ServesOnlyMetrics()
    {
        await using var cluster = await StartAsync(nodes: 1, options: new ProxyServerOptions { MetricsPort = 0 });
        Assert.NotNull(cluster.Proxy.MetricsUrl);
        Assert.NotEqual(cluster.Proxy.Url, cluster.Proxy.MetricsUrl);
        using var client = new HttpClient { BaseAddress = new Uri(cluster.Proxy.MetricsUrl!) };

        var metrics = await client.GetAsync("/metrics");
        Assert.Equal(200, (int)metrics.StatusCode);
        Assert.Contains("# TYPE miroir_requests_total counter", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Scrapes are not client requests.
        Assert.DoesNotContain("miroir_requests_total{", await client.GetStringAsync("/metrics"), StringComparison.Ordinal);
        Assert.Equal(404, (int)(await client.GetAsync("/indexes")).StatusCode);
        Assert.Equal(404, (int)(await client.GetAsync("/_miroir/topology")).StatusCode);
        Assert.Equal(404, (int)(await client.PostAsync("/metrics", null)).StatusCode);
    }
}
