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

    [Fact]
    public async Task InlineIo_NodeKey_ReadsWritesAndErrorsAsWithoutIt()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(
            configure: c => c with { Server = c.Server with { InlineIo = true } }, nodeMasterKey: "inline-node-key");
        var created = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"inline","primaryKey":"id"}""");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(created));
        var added = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/inline/documents",
            """[{"id":1,"title":"alpha"},{"id":2,"title":"beta"},{"id":3,"title":"alpha beta"}]""");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(added));

        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/inline/search", """{"q":"alpha"}""");
        Assert.Equal(200, status);
        Assert.Equal(2, body.GetProperty("hits").GetArrayLength());
        (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/inline/documents/2");
        Assert.Equal(200, status);
        Assert.Equal("beta", body.GetProperty("title").GetString());
        Assert.False(body.TryGetProperty("_miroir_shard", out _));

        (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/inline/documents/99");
        Assert.Equal(404, status);
        Assert.Equal("document_not_found", body.GetProperty("code").GetString());
        (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/inline/search", "{not json");
        Assert.Equal(400, status);
        Assert.Equal("malformed_payload", body.GetProperty("code").GetString());
    }
}
