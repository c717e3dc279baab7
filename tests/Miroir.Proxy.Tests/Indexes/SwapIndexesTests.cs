using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Indexes;

/// <summary><c>POST /swap-indexes</c>: index metadata follows the documents only when the swap succeeded.</summary>
public sealed class SwapIndexesTests
{
    [Fact]
    public async Task SwapIndexes_MissingIndex_FailsAndLeavesNoTrace()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"a\",\"primaryKey\":\"id\"}")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/a/documents", "[{\"id\":1}]")));
        foreach (var body in new[] { "[{\"indexes\":[\"a\",\"ghost\"]}]", "[{\"indexes\":[\"ghost2\",\"a\"]}]" })
        {
            var swap = await cluster.WaitForTaskAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/swap-indexes", body)));
            Assert.Equal("failed", swap.GetProperty("status").GetString());
            Assert.Equal("index_not_found", swap.GetProperty("error").GetProperty("code").GetString());
        }

        var (_, indexes, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes");
        var (_, stats, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/stats");
        var listed = indexes.GetProperty("results").EnumerateArray().Select(i => i.GetProperty("uid").GetString()!).ToArray();
        Assert.Equal(["a"], listed);
        Assert.Equal(listed, stats.GetProperty("indexes").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(1, stats.GetProperty("indexes").GetProperty("a").GetProperty("numberOfDocuments").GetInt32());
        Assert.Equal(404, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/ghost/stats")).Status);
        Assert.Equal("id", (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/a")).Body.GetProperty("primaryKey").GetString());
    }

    [Fact]
    public async Task SwapIndexes_BothExist_MetadataFollowsOnceSucceeded()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"a\",\"primaryKey\":\"id\"}")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"b\",\"primaryKey\":\"code\"}")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/swap-indexes", "[{\"indexes\":[\"a\",\"b\"]}]")));

        Assert.Equal("code", (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/a")).Body.GetProperty("primaryKey").GetString());
        Assert.Equal("id", (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/b")).Body.GetProperty("primaryKey").GetString());
    }
}
