using System.Text;
using System.Text.Json;
using Miroir.Proxy.Settings;

namespace Miroir.Proxy.Tests.Settings;

public sealed class SettingsRewriterUnitTests
{
    private static JsonElement Parse(byte[] json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void ToNodes_FilterableWithReserved_ShardFieldFirstAndClientReservedDropped()
    {
        var body = SettingsRewriter.ToNodes(Encoding.UTF8.GetBytes("{\"filterableAttributes\":[\"_miroir_updated_at\",\"genre\"],\"rankingRules\":[\"words\"]}"), out var max);
        var root = Parse(body);
        Assert.Null(max);
        Assert.Equal(new[] { "_miroir_shard", "genre" }, root.GetProperty("filterableAttributes").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.Equal("words", root.GetProperty("rankingRules")[0].GetString());
    }

    [Fact]
    public void ToNodes_NullFilterable_KeepsShardField()
    {
        var root = Parse(SettingsRewriter.ToNodes(Encoding.UTF8.GetBytes("{\"filterableAttributes\":null}"), out _));
        Assert.Equal(new[] { "_miroir_shard" }, root.GetProperty("filterableAttributes").EnumerateArray().Select(e => e.GetString()).ToArray());
    }

    [Fact]
    public void ToNodes_FacetLimit_RaisedForNodesAndClientValueReported()
    {
        var root = Parse(SettingsRewriter.ToNodes(Encoding.UTF8.GetBytes("{\"faceting\":{\"maxValuesPerFacet\":3,\"sortFacetValuesBy\":{\"*\":\"count\"}}}"), out var max));
        Assert.Equal(3, max);
        Assert.Equal(ReservedSettings.NodeMaxValuesPerFacet, root.GetProperty("faceting").GetProperty("maxValuesPerFacet").GetInt32());
        Assert.Equal("count", root.GetProperty("faceting").GetProperty("sortFacetValuesBy").GetProperty("*").GetString());
    }

    [Fact]
    public void ToClient_NodeSettings_ReservedHiddenAndClientFacetLimitShown()
    {
        var node = Encoding.UTF8.GetBytes("{\"filterableAttributes\":[\"_miroir_shard\",\"genre\"],\"faceting\":{\"maxValuesPerFacet\":10000}}");
        var root = Parse(SettingsRewriter.ToClient(node, 7));
        Assert.Equal(new[] { "genre" }, root.GetProperty("filterableAttributes").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.Equal(7, root.GetProperty("faceting").GetProperty("maxValuesPerFacet").GetInt32());
    }

    [Fact]
    public void SubToNodes_OtherSetting_BodyUnchanged()
    {
        var body = Encoding.UTF8.GetBytes("[\"words\"]");
        Assert.Same(body, SettingsRewriter.SubToNodes("rankingRules", body, out _));
    }
}
