using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Settings;

public sealed class SettingsRoutesTests
{
    private static async Task<MiroirClusterFixture> StartWithIndexAsync()
    {
        var cluster = await MiroirClusterFixture.StartAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"m\",\"primaryKey\":\"id\"}")));
        return cluster;
    }

    private static async Task<string[]> NodeFilterableAsync(MiroirClusterFixture cluster, int node)
    {
        using var client = new HttpClient();
        var json = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(cluster.Nodes[node]!.Url + "/indexes/m/settings/filterable-attributes"));
        return json.RootElement.EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    [Fact]
    public async Task CreateIndex_Any_ShardFieldFilterableOnEveryNodeButHiddenFromClients()
    {
        await using var cluster = await StartWithIndexAsync();
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            Assert.Contains("_miroir_shard", await NodeFilterableAsync(cluster, i));
        }

        var (_, settings, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/settings");
        Assert.Equal(0, settings.GetProperty("filterableAttributes").GetArrayLength());
        Assert.Equal(100, settings.GetProperty("faceting").GetProperty("maxValuesPerFacet").GetInt32());
    }

    [Fact]
    public async Task PatchSettings_FilterableAndFacetLimit_NodesKeepReservedAndLargerLimit()
    {
        await using var cluster = await StartWithIndexAsync();
        var patch = await cluster.SendJsonAsync(HttpMethod.Patch, "/indexes/m/settings", "{\"filterableAttributes\":[\"genre\"],\"faceting\":{\"maxValuesPerFacet\":7}}");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(patch));

        var (_, settings, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/settings");
        Assert.Equal(new[] { "genre" }, settings.GetProperty("filterableAttributes").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.Equal(7, settings.GetProperty("faceting").GetProperty("maxValuesPerFacet").GetInt32());
        var (_, faceting, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/settings/faceting");
        Assert.Equal(7, faceting.GetProperty("maxValuesPerFacet").GetInt32());
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            var filterable = await NodeFilterableAsync(cluster, i);
            Assert.Contains("_miroir_shard", filterable);
            Assert.Contains("genre", filterable);
        }

        using var client = new HttpClient();
        var nodeFaceting = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(cluster.Nodes[0]!.Url + "/indexes/m/settings/faceting"));
        Assert.True(nodeFaceting.RootElement.GetProperty("maxValuesPerFacet").GetInt32() > 7);
    }

    [Fact]
    public async Task ResetFilterable_SubRoute_ShardFieldStaysFilterableOnNodes()
    {
        await using var cluster = await StartWithIndexAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Put, "/indexes/m/settings/filterable-attributes", "[\"genre\",\"_miroir_shard\"]")));
        var (_, visible, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/settings/filterable-attributes");
        Assert.Equal(new[] { "genre" }, visible.EnumerateArray().Select(e => e.GetString()).ToArray());

        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Delete, "/indexes/m/settings/filterable-attributes")));

        Assert.Equal(new[] { "_miroir_shard" }, await NodeFilterableAsync(cluster, 1));
        Assert.Equal(0, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/settings/filterable-attributes")).Body.GetArrayLength());
    }

    [Fact]
    public async Task PatchSettings_InvalidValue_RefusedByFirstNodeAndNoTaskCreated()
    {
        await using var cluster = await StartWithIndexAsync();
        var total = (await cluster.SendJsonAsync(HttpMethod.Get, "/tasks")).Body.GetProperty("total").GetInt32();

        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Patch, "/indexes/m/settings", "{\"rankingRules\":42}");

        Assert.Equal(400, status);
        Assert.Contains("rankingRules", error.GetProperty("message").GetString());
        Assert.Equal(total, (await cluster.SendJsonAsync(HttpMethod.Get, "/tasks")).Body.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task DeleteIndex_Broadcast_GoneEverywhere()
    {
        await using var cluster = await StartWithIndexAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Delete, "/indexes/m")));
        Assert.Equal(404, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m")).Status);
        var (_, list, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }
}
