using Miroir.Core.Configuration;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Settings;

/// <summary><c>settings_broadcast.strategy: sequential</c>: node by node, stopping at the first failure with earlier nodes rolled back.</summary>
public sealed class SettingsSequentialTests
{
    private static async Task<MiroirClusterFixture> StartAsync()
    {
        var cluster = await MiroirClusterFixture.StartAsync(configure: c => c with
        {
            SettingsBroadcast = c.SettingsBroadcast with { Strategy = SettingsBroadcastStrategy.Sequential },
        });
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"m","primaryKey":"id"}""")));
        return cluster;
    }

    [Fact]
    public async Task Update_EveryNodeInTurn_VerifiedAndCommitted()
    {
        await using var cluster = await StartAsync();

        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Put, "/indexes/m/settings/synonyms", """{"car":["auto"]}""")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Delete, "/indexes/m/settings/synonyms")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Patch, "/indexes/m/settings", """{"stopWords":["the"]}""")));

        var (_, _, response) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/settings");
        Assert.Equal("3", string.Join(',', response.Headers.GetValues("X-Miroir-Settings-Version")));
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            Assert.Equal("""["the"]""", await DirectNode.GetAsync(cluster, i, "/indexes/m/settings/stop-words"));
            Assert.Equal("{}", await DirectNode.GetAsync(cluster, i, "/indexes/m/settings/synonyms"));
            Assert.Contains("_miroir_shard", await DirectNode.GetAsync(cluster, i, "/indexes/m/settings/filterable-attributes"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Update_SecondNodeUnreachable_StopsThereAndRollsTheFirstBack()
    {
        await using var cluster = await StartAsync();
        await cluster.StopNodeAsync(1);

        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Put, "/indexes/m/settings/synonyms", """{"car":["auto"]}""");

        Assert.Equal(503, status);
        Assert.Equal("miroir_shard_unavailable", error.GetProperty("code").GetString());
        Assert.Contains("node-2", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await DirectNode.WaitUntilAsync(async () => await DirectNode.GetAsync(cluster, 0, "/indexes/m/settings/synonyms") == "{}");
        Assert.Equal("{}", await DirectNode.GetAsync(cluster, 2, "/indexes/m/settings/synonyms"));
        var (_, _, response) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/settings");
        Assert.Equal("0", string.Join(',', response.Headers.GetValues("X-Miroir-Settings-Version")));
    }

    [Fact]
    public async Task Update_RefusedByTheFirstNode_NodeErrorAndNothingChanged()
    {
        await using var cluster = await StartAsync();

        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Patch, "/indexes/m/settings", """{"rankingRules":["nope"]}""");

        Assert.Equal(400, status);
        Assert.Equal("invalid_settings_ranking_rules", error.GetProperty("code").GetString());
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            Assert.DoesNotContain("nope", await DirectNode.GetAsync(cluster, i, "/indexes/m/settings/ranking-rules"), StringComparison.Ordinal);
        }
    }
}
