using System.Text.Json;
using Miroir.Core.Configuration;
using Miroir.Proxy.Server;
using Miroir.Proxy.Tests.Cluster;
using Miroir.Proxy.Tests.Health;

namespace Miroir.Proxy.Tests.Settings;

/// <summary>The settings drift check (spec §13.5): out-of-band edits and missed changes are found by hash and put back; unrepairable ones freeze writes.</summary>
public sealed class SettingsDriftTests
{
    private const string StopWordsX = """["x"]""";

    /// <summary>A cluster with index <c>m</c> whose settings went through one verified change (so they are committed).</summary>
    private static async Task<MiroirClusterFixture> StartAsync(Func<MiroirConfig, MiroirConfig>? configure = null, int replicationFactor = 2)
    {
        var cluster = await MiroirClusterFixture.StartAsync(replicationFactor: replicationFactor, configure: configure);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"m","primaryKey":"id"}""")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Put, "/indexes/m/settings/synonyms", """{"car":["auto"]}""")));
        return cluster;
    }

    private static Func<MiroirConfig, MiroirConfig> Drift(int intervalS = 300, bool autoRepair = true, int retries = 3) => c => c with
    {
        SettingsDriftCheck = new SettingsDriftCheckConfig { IntervalS = intervalS, AutoRepair = autoRepair },
        SettingsBroadcast = c.SettingsBroadcast with { MaxRepairRetries = retries },
    };

    private static async Task<JsonElement> RunPassAsync(MiroirClusterFixture cluster)
    {
        var (status, pass, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/_miroir/settings/drift/run");
        Assert.Equal(200, status);
        return pass;
    }

    private static JsonElement IndexOf(JsonElement pass, string uid) => pass.GetProperty("indexes").EnumerateArray().Single(i => i.GetProperty("uid").GetString() == uid);

    private static string NodeStatus(JsonElement index, string node) =>
        index.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("node").GetString() == node).GetProperty("status").GetString()!;

    private static Task WaitForRepairCountAsync(MiroirClusterFixture cluster) =>
        DirectNode.WaitUntilAsync(async () => AdminClient.Sample(await AdminClient.MetricsAsync(cluster), "miroir_settings_drift_repair_total") >= 1);

    private static Task<string> StopWordsAsync(MiroirClusterFixture cluster, int node) => DirectNode.GetAsync(cluster, node, "/indexes/m/settings/stop-words");

    [Fact]
    public async Task DirectEdit_RevertedByTheScheduledCheck_RepairCounterRises()
    {
        await using var cluster = await StartAsync(Drift(intervalS: 1));

        await DirectNode.EditAsync(cluster, 2, HttpMethod.Put, "/indexes/m/settings/stop-words", StopWordsX);

        // One interval is 1 s; the deadline only guards against a stalled machine. The counter rises once the read-back confirmed the repair.
        await DirectNode.WaitUntilAsync(async () => await StopWordsAsync(cluster, 2) == "[]", seconds: 20);
        await WaitForRepairCountAsync(cluster);
        var metrics = await AdminClient.MetricsAsync(cluster);
        Assert.True(AdminClient.Sample(metrics, "miroir_settings_hash_mismatch_total") >= 1);
        Assert.Equal(1, AdminClient.Sample(metrics, "miroir_settings_version{index=\"m\"}"));
        Assert.Equal(0, AdminClient.Sample(metrics, "miroir_settings_broadcast_phase{index=\"m\"}"));
        Assert.Equal("""{"car":["auto"]}""", await DirectNode.GetAsync(cluster, 2, "/indexes/m/settings/synonyms"));
    }

    [Fact]
    public async Task DirectEdit_AutoRepairOff_CountedAndReportedNotRepaired()
    {
        await using var cluster = await StartAsync(Drift(autoRepair: false));
        await DirectNode.EditAsync(cluster, 2, HttpMethod.Put, "/indexes/m/settings/stop-words", StopWordsX);

        var index = IndexOf(await RunPassAsync(cluster), "m");

        Assert.Equal("drifted", index.GetProperty("status").GetString());
        Assert.Equal("drifted", NodeStatus(index, "node-3"));
        Assert.Equal("in_sync", NodeStatus(index, "node-1"));
        Assert.False(index.GetProperty("writesFrozen").GetBoolean());
        Assert.Equal(StopWordsX, await StopWordsAsync(cluster, 2));
        var metrics = await AdminClient.MetricsAsync(cluster);
        Assert.Equal(1, AdminClient.Sample(metrics, "miroir_settings_hash_mismatch_total"));
        Assert.Equal(0, AdminClient.Sample(metrics, "miroir_settings_drift_repair_total"));
        var (_, status, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/_miroir/settings/drift");
        Assert.Equal(1, status.GetProperty("hashMismatchesTotal").GetInt64());
        Assert.False(status.GetProperty("autoRepair").GetBoolean());
    }

    [Fact]
    public async Task UnreachableNode_SkippedThenCheckedNextPass()
    {
        await using var cluster = await StartAsync(Drift());
        await DirectNode.EditAsync(cluster, 1, HttpMethod.Put, "/indexes/m/settings/stop-words", StopWordsX);
        await DirectNode.EditAsync(cluster, 2, HttpMethod.Put, "/indexes/m/settings/stop-words", StopWordsX);
        await cluster.StopNodeAsync(1);

        var first = IndexOf(await RunPassAsync(cluster), "m");

        Assert.Equal("unreachable", NodeStatus(first, "node-2"));
        Assert.Equal("repaired", NodeStatus(first, "node-3"));
        Assert.Equal("[]", await StopWordsAsync(cluster, 2));

        await cluster.StartNodeAsync(1);
        var second = IndexOf(await RunPassAsync(cluster), "m");

        Assert.Equal("repaired", NodeStatus(second, "node-2"));
        Assert.Equal("in_sync", NodeStatus(second, "node-3"));
        Assert.Equal("[]", await StopWordsAsync(cluster, 1));
    }

    [Fact]
    public async Task NodeDownDuringChange_RepairedWhenItRecovers()
    {
        // RF 3: the change keeps its quorum with one node down. The interval is long: only the recovery brings the check.
        await using var cluster = await StartAsync(c => Drift()(c) with { Health = AdminClient.FastHealth }, replicationFactor: 3);
        await cluster.StopNodeAsync(0);
        await AdminClient.WaitForStatusAsync(cluster, "node-1", "failed");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Put, "/indexes/m/settings/stop-words", """["the"]""")));

        await cluster.StartNodeAsync(0);

        await DirectNode.WaitUntilAsync(async () => await StopWordsAsync(cluster, 0) == """["the"]""");
        await WaitForRepairCountAsync(cluster);
        var metrics = await AdminClient.MetricsAsync(cluster);
        Assert.Equal(2, AdminClient.Sample(metrics, "miroir_settings_version{index=\"m\"}"));
    }

    [Fact]
    public async Task Unrepairable_WritesFrozenReadsServed_ThawedAfterRepair()
    {
        await using var cluster = await StartAsync(Drift(retries: 2));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents", """[{"id":1,"title":"car"}]""")));

        // A repair PATCH merges embedders: one added out of band on a node is never removed by Miroir.
        await DirectNode.EditAsync(cluster, 2, HttpMethod.Patch, "/indexes/m/settings", """{"embedders":{"oob":{"source":"userProvided","dimensions":3}}}""");
        var frozen = IndexOf(await RunPassAsync(cluster), "m");

        Assert.Equal("unrepairable", frozen.GetProperty("status").GetString());
        Assert.True(frozen.GetProperty("writesFrozen").GetBoolean());
        var (writeStatus, error, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents", """[{"id":2,"title":"bus"}]""");
        Assert.Equal(503, writeStatus);
        Assert.Equal("miroir_index_frozen", error.GetProperty("code").GetString());
        Assert.Equal("system", error.GetProperty("type").GetString());
        Assert.Contains("node-3", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(error.TryGetProperty("link", out _));
        var (deleteStatus, _, _) = await cluster.SendJsonAsync(HttpMethod.Delete, "/indexes/m/documents/1");
        Assert.Equal(503, deleteStatus);
        var (searchStatus, search, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/search", """{"q":"car"}""");
        Assert.Equal(200, searchStatus);
        Assert.Equal(1, search.GetProperty("hits").GetArrayLength());
        var (_, document, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/documents/2");
        Assert.Equal("document_not_found", document.GetProperty("code").GetString());

        // The operator removes the embedder; the next pass finds every node in line and lifts the freeze.
        await DirectNode.EditAsync(cluster, 2, HttpMethod.Patch, "/indexes/m/settings", """{"embedders":{"oob":null}}""");
        var thawed = IndexOf(await RunPassAsync(cluster), "m");

        Assert.Equal("in_sync", thawed.GetProperty("status").GetString());
        Assert.False(thawed.GetProperty("writesFrozen").GetBoolean());
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents", """[{"id":2,"title":"bus"}]""")));
    }

    [Fact]
    public async Task NeverChangedIndex_MajorityAdoptedAsReference_OddNodeRepaired()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(configure: Drift());
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"m","primaryKey":"id"}""")));
        await DirectNode.EditAsync(cluster, 0, HttpMethod.Put, "/indexes/m/settings/stop-words", StopWordsX);

        var index = IndexOf(await RunPassAsync(cluster), "m");

        Assert.Equal("repaired", index.GetProperty("status").GetString());
        Assert.Equal("repaired", NodeStatus(index, "node-1"));
        Assert.Equal("[]", await StopWordsAsync(cluster, 0));
        Assert.Contains("_miroir_shard", await DirectNode.GetAsync(cluster, 0, "/indexes/m/settings/filterable-attributes"), StringComparison.Ordinal);

        // The adopted reference is durable.
        await cluster.RestartProxyAsync();
        await DirectNode.EditAsync(cluster, 1, HttpMethod.Put, "/indexes/m/settings/stop-words", StopWordsX);
        Assert.Equal("repaired", NodeStatus(IndexOf(await RunPassAsync(cluster), "m"), "node-2"));
    }

    [Fact]
    public async Task DriftRoutes_NeedTheAdminKey()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1, configure: c => c with { MasterKey = "master", Admin = new AdminConfig { ApiKey = "admin-key" } });
        using var anonymous = new HttpClient { BaseAddress = new Uri(cluster.Proxy.Url) };

        using var view = await anonymous.GetAsync("/_miroir/settings/drift");
        using var run = await anonymous.PostAsync("/_miroir/settings/drift/run", null);
        using var admin = await AdminClient.SendAsync(cluster, "/_miroir/settings/drift");

        Assert.Equal(401, (int)view.StatusCode);
        Assert.Equal(401, (int)run.StatusCode);
        Assert.Equal(200, (int)admin.StatusCode);
    }

    [Theory]
    [InlineData("settings_drift_check.interval_s")]
    [InlineData("settings_broadcast.max_repair_retries")]
    [InlineData("settings_broadcast.verify_timeout_s")]
    public async Task Start_InvalidSettingsConfig_RefusedNamingTheKey(string key)
    {
        var config = MiroirConfig.Default with
        {
            Nodes = [new NodeConfig { Id = "n", Address = "http://127.0.0.1:1" }],
            ReplicationFactor = 1,
            SettingsDriftCheck = new SettingsDriftCheckConfig { IntervalS = key == "settings_drift_check.interval_s" ? 0 : 300 },
            SettingsBroadcast = new SettingsBroadcastConfig
            {
                MaxRepairRetries = key == "settings_broadcast.max_repair_retries" ? 99 : 3,
                VerifyTimeoutS = key == "settings_broadcast.verify_timeout_s" ? -1 : 60,
            },
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ProxyServer.StartAsync(config, new ProxyServerOptions { Port = 0, MetricsPort = -1 }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
