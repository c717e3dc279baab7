using System.Text;
using Miroir.Proxy.Server;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Server;

/// <summary><c>/experimental-features</c> through the orchestrator: merged over the nodes, PATCH broadcast, node refusals relayed.</summary>
public sealed class ExperimentalFeatureTests
{
    [Fact]
    public async Task GetFeatures_EveryNodeAnswers_MergedFlags()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        var (status, features, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/experimental-features");

        Assert.Equal(200, status);
        Assert.Contains("metrics", features.EnumerateObject().Select(p => p.Name));
        Assert.All(features.EnumerateObject(), p => Assert.False(p.Value.GetBoolean()));
    }

    [Fact]
    public async Task PatchFeatures_KnownFlag_BroadcastAndAnswersMergedState()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        var (status, features, _) = await cluster.SendJsonAsync(HttpMethod.Patch, "/experimental-features", "{\"metrics\":false}");

        Assert.Equal(200, status);
        Assert.False(features.GetProperty("metrics").GetBoolean());
        Assert.Equal((await cluster.SendJsonAsync(HttpMethod.Get, "/experimental-features")).Body.ToString(), features.ToString());
    }

    [Fact]
    public async Task PatchFeatures_UnknownField_Returns400BadRequest()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Patch, "/experimental-features", "{\"teleport\":true}");

        Assert.Equal(400, status);
        Assert.Equal("bad_request", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request", error.GetProperty("type").GetString());
        Assert.StartsWith("Unknown field `teleport`: expected one of `metrics`", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task PatchFeatures_NodeDown_Returns503NamingIt()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        await cluster.StopNodeAsync(2);

        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Patch, "/experimental-features", "{\"metrics\":false}");
        var (getStatus, features, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/experimental-features");

        Assert.Equal(503, status);
        Assert.Equal("miroir_shard_unavailable", error.GetProperty("code").GetString());
        Assert.Contains("node-3", error.GetProperty("message").GetString());
        Assert.Equal(200, getStatus);
        Assert.False(features.GetProperty("metrics").GetBoolean());
    }

    [Fact]
    public void Merge_FlagOnOnlyWhereEveryNodeHasIt()
    {
        var merged = ExperimentalFeatureRoutes.Merge(
        [
            Encoding.UTF8.GetBytes("{\"metrics\":true,\"logsRoute\":true,\"network\":false}"),
            Encoding.UTF8.GetBytes("{\"metrics\":true,\"logsRoute\":false,\"network\":false}"),
        ]);

        Assert.Equal("{\"metrics\":true,\"logsRoute\":false,\"network\":false}", Encoding.UTF8.GetString(merged));
    }
}
