using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Server;

public sealed class ProxyServerTests
{
    [Fact]
    public async Task Health_ClusterRunning_ReturnsAvailable()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/health");
        Assert.Equal(200, status);
        Assert.Equal("available", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Version_FirstNodeDown_AnswersFromAnotherNode()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        await cluster.StopNodeAsync(0);
        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/version");
        Assert.Equal(200, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("pkgVersion").GetString()));
    }

    [Fact]
    public async Task UnknownRoute_Any_Returns404MeilisearchError()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/no-such-route");
        Assert.Equal(404, status);
        Assert.Equal("not_found", body.GetProperty("code").GetString());
    }
}
