using System.Text;
using System.Text.Json;
using Miroir.Proxy.Tests.Cluster;
using Miroir.Proxy.Tests.Health;

namespace Miroir.Proxy.Tests.Settings;

/// <summary>Two-phase settings: verified read-back commits a durable version; an odd node is repaired to the majority; without a majority every node is rolled back.</summary>
public sealed class SettingsTwoPhaseTests
{
    private static async Task<MiroirClusterFixture> StartWithIndexAsync()
    {
        var cluster = await MiroirClusterFixture.StartAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"m\",\"primaryKey\":\"id\"}")));
        return cluster;
    }

    private static string Version(HttpResponseMessage response) => string.Join(',', response.Headers.GetValues("X-Miroir-Settings-Version"));

    [Fact]
    public async Task Update_Verified_VersionCommittedDurablyAndSentOnReads()
    {
        await using var cluster = await StartWithIndexAsync();
        var (_, _, before) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/settings");
        Assert.Equal("0", Version(before));

        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Patch, "/indexes/m/settings", """{"rankingRules":["words","typo","proximity","attribute","sort","exactness"]}""")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Put, "/indexes/m/settings/stop-words", """["the"]""")));

        var (_, _, settings) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/settings/stop-words");
        var (searchStatus, _, search) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/search", "{}");
        Assert.Equal("2", Version(settings));
        Assert.Equal(200, searchStatus);
        Assert.Equal("2", Version(search));

        await cluster.RestartProxyAsync();
        var (_, _, afterRestart) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/documents");
        Assert.Equal("2", Version(afterRestart));
    }

    [Fact]
    public async Task MinSettingsVersion_AboveCommitted_503Stale()
    {
        await using var cluster = await StartWithIndexAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Put, "/indexes/m/settings/stop-words", """["a"]""")));

        var ok = await SearchWithFloorAsync(cluster, "1");
        var stale = await SearchWithFloorAsync(cluster, "2");
        var invalid = await SearchWithFloorAsync(cluster, "soon");

        Assert.Equal(200, (int)ok.StatusCode);
        Assert.Equal(503, (int)stale.StatusCode);
        using var staleBody = JsonDocument.Parse(await stale.Content.ReadAsStringAsync());
        Assert.Equal("miroir_settings_version_stale", staleBody.RootElement.GetProperty("code").GetString());
        Assert.Equal("system", staleBody.RootElement.GetProperty("type").GetString());
        Assert.Equal(400, (int)invalid.StatusCode);
    }

    [Fact]
    public async Task Update_OneNodeDivergesOnReadBack_RepairedToTheMajorityAndCommitted()
    {
        await using var cluster = await StartWithIndexAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Patch, "/indexes/m/settings", """{"filterableAttributes":["genre"]}""")));

        // An out-of-band edit on one node: the next change reads back different settings there.
        await DirectNode.EditAsync(cluster, 2, HttpMethod.Put, "/indexes/m/settings/stop-words", """["x"]""");

        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Put, "/indexes/m/settings/synonyms", """{"car":["auto"]}""")));

        var (_, _, response) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/settings/synonyms");
        Assert.Equal("2", Version(response));
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            Assert.Equal("""{"car":["auto"]}""", await DirectNode.GetAsync(cluster, i, "/indexes/m/settings/synonyms"));
            Assert.Equal("[]", await DirectNode.GetAsync(cluster, i, "/indexes/m/settings/stop-words"));
        }

        var metrics = await AdminClient.MetricsAsync(cluster);
        Assert.Equal(1, AdminClient.Sample(metrics, "miroir_settings_hash_mismatch_total"));
        Assert.Equal(1, AdminClient.Sample(metrics, "miroir_settings_drift_repair_total"));
    }

    [Fact]
    public async Task Update_NoMajorityOnReadBack_RolledBackEverywhereAndTaskFails()
    {
        // Two nodes, one edited out of band: one against one, no majority to repair to.
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 2, replicationFactor: 2);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"m\",\"primaryKey\":\"id\"}")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Patch, "/indexes/m/settings", """{"filterableAttributes":["genre"]}""")));
        await DirectNode.EditAsync(cluster, 1, HttpMethod.Put, "/indexes/m/settings/stop-words", """["x"]""");

        var task = await cluster.WaitForTaskAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Put, "/indexes/m/settings/synonyms", """{"car":["auto"]}""")));

        Assert.Equal("failed", task.GetProperty("status").GetString());
        Assert.Contains("rolled back", task.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var (_, synonyms, response) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/settings/synonyms");
        Assert.Equal("{}", synonyms.GetRawText());
        Assert.Equal("1", Version(response));
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            await DirectNode.WaitUntilAsync(async () => await DirectNode.GetAsync(cluster, i, "/indexes/m/settings/synonyms") == "{}");
            var filterable = await DirectNode.GetAsync(cluster, i, "/indexes/m/settings/filterable-attributes");
            Assert.Contains("_miroir_shard", filterable, StringComparison.Ordinal);
            Assert.Contains("genre", filterable, StringComparison.Ordinal);
        }

        var (_, clientFilterable, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/settings/filterable-attributes");
        Assert.Equal("""["genre"]""", clientFilterable.GetRawText());
    }

    [Fact]
    public async Task Update_OddNodeUnrepairable_CommittedAndDocumentWritesFrozen()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(configure: c => c with { SettingsBroadcast = c.SettingsBroadcast with { MaxRepairRetries = 2 } });
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"m\",\"primaryKey\":\"id\"}")));
        await DirectNode.EditAsync(cluster, 2, HttpMethod.Patch, "/indexes/m/settings", """{"embedders":{"oob":{"source":"userProvided","dimensions":3}}}""");

        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Put, "/indexes/m/settings/synonyms", """{"car":["auto"]}""")));

        var (_, _, response) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/settings/synonyms");
        Assert.Equal("1", Version(response));
        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents", """[{"id":1}]""");
        Assert.Equal(503, status);
        Assert.Equal("miroir_index_frozen", error.GetProperty("code").GetString());
        var metrics = await AdminClient.MetricsAsync(cluster);
        Assert.Equal(1, AdminClient.Sample(metrics, "miroir_settings_hash_mismatch_total"));
        Assert.Equal(0, AdminClient.Sample(metrics, "miroir_settings_drift_repair_total"));
    }

    [Fact]
    public async Task Update_RefusedByFirstNode_NothingChangedVersionKept()
    {
        await using var cluster = await StartWithIndexAsync();
        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Patch, "/indexes/m/settings", """{"rankingRules":["nope"]}""");
        Assert.Equal(400, status);
        Assert.Equal("invalid_settings_ranking_rules", error.GetProperty("code").GetString());
        var (_, _, response) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/settings");
        Assert.Equal("0", Version(response));
        Assert.False(response.Headers.Contains("X-Miroir-Settings-Inconsistent"));
    }

    private static async Task<HttpResponseMessage> SearchWithFloorAsync(MiroirClusterFixture cluster, string floor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/indexes/m/search") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Miroir-Min-Settings-Version", floor);
        return await cluster.Client.SendAsync(request);
    }
}
