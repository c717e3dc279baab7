using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Indexes;

public sealed class IndexRoutesTests
{
    [Fact]
    public async Task CreateIndex_InvalidUid_RefusedWithNodeErrorAndNoTask()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"bad uid!\"}");
        Assert.Equal(400, status);
        Assert.Equal("invalid_index_uid", error.GetProperty("code").GetString());
        Assert.Equal(0, (await cluster.SendJsonAsync(HttpMethod.Get, "/tasks")).Body.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task UpdateIndex_SetPrimaryKeyLater_DocumentsRouteWithIt()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"m\"}")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Patch, "/indexes/m", "{\"primaryKey\":\"code\"}")));

        var added = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents", "[{\"code\":\"x1\",\"productId\":5}]");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(added));

        Assert.Equal(200, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/documents/x1")).Status);
    }

    [Fact]
    public async Task SwapIndexes_TwoIndexes_SwappedOnEveryNodeAndPrimaryKeysFollow()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/a/documents?primaryKey=ida", "[{\"ida\":1,\"v\":\"from-a\"}]")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/b/documents?primaryKey=idb", "[{\"idb\":2,\"v\":\"from-b\"}]")));

        var swap = await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/swap-indexes", "[{\"indexes\":[\"a\",\"b\"]}]")));

        Assert.Equal("indexSwap", swap.GetProperty("type").GetString());
        Assert.Equal("from-b", (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/a/documents/2")).Body.GetProperty("v").GetString());
        var add = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/a/documents", "[{\"idb\":3,\"v\":\"new\"}]");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(add));
    }
}
