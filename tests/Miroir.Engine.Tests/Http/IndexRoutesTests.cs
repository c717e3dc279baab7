using System.Net;
using Miroir.Engine.Tests.Node;

namespace Miroir.Engine.Tests.Http;

public sealed class IndexRoutesTests
{
    [Fact]
    public async Task Health_Always_ReturnsAvailable()
    {
        await using var node = await TestNode.StartAsync();
        var body = await node.GetJsonAsync("/health");
        Assert.Equal("available", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Index_CreateGetListDelete_FollowsLifecycle()
    {
        await using var node = await TestNode.StartAsync();
        var task = await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes", """{"uid":"movies","primaryKey":"id"}""");
        Assert.Equal("succeeded", task.GetProperty("status").GetString());
        Assert.Equal("indexCreation", task.GetProperty("type").GetString());
        Assert.Equal("id", task.GetProperty("details").GetProperty("primaryKey").GetString());
        Assert.StartsWith("PT", task.GetProperty("duration").GetString());

        var index = await node.GetJsonAsync("/indexes/movies");
        Assert.Equal("movies", index.GetProperty("uid").GetString());
        Assert.Equal("id", index.GetProperty("primaryKey").GetString());

        var list = await node.GetJsonAsync("/indexes?limit=1");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(1, list.GetProperty("limit").GetInt32());

        var again = await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes", """{"uid":"movies"}""");
        Assert.Equal("failed", again.GetProperty("status").GetString());
        Assert.Equal("index_already_exists", again.GetProperty("error").GetProperty("code").GetString());

        var deleted = await node.WriteAndWaitAsync(HttpMethod.Delete, "/indexes/movies", "");
        Assert.Equal("succeeded", deleted.GetProperty("status").GetString());
        var missing = await node.Client.GetAsync("/indexes/movies");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("index_not_found", (await TestNode.JsonAsync(missing)).GetProperty("code").GetString());
    }
}
