using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Server;

/// <summary>Dumps and snapshots are refused with Miroir's 501 error, and no task is created.</summary>
public sealed class UnsupportedRoutesTests
{
    [Theory]
    [InlineData("/dumps", "dumps")]
    [InlineData("/snapshots", "snapshots")]
    public async Task Post_DumpsOrSnapshots_Returns501NotSupportedAndNoTask(string path, string what)
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Post, path);
        var (_, tasks, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/tasks");

        Assert.Equal(501, status);
        Assert.Equal("miroir_not_supported", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request", error.GetProperty("type").GetString());
        Assert.Equal("https://docs.meilisearch.com/errors#miroir_not_supported", error.GetProperty("link").GetString());
        Assert.Contains($"Miroir does not create {what}", error.GetProperty("message").GetString());
        Assert.Equal(0, tasks.GetProperty("total").GetInt32());
    }
}
