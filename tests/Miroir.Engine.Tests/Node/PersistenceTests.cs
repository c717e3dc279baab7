using System.Net;

namespace Miroir.Engine.Tests.Node;

public sealed class PersistenceTests
{
    [Theory]
    [InlineData(256L * 1024 * 1024)] // log replay only
    [InlineData(1L)] // a snapshot after every task, then compaction
    public async Task Restart_SameDirectory_KeepsEverythingAcknowledged(long snapshotBytes)
    {
        await using var node = await TestNode.StartAsync(snapshotBytes: snapshotBytes);
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes", """{"uid":"books","primaryKey":"id"}""");
        await node.WriteAndWaitAsync(HttpMethod.Patch, "/indexes/books/settings", """{"filterableAttributes":["genre"]}""");
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/books/documents", """[{"id":1,"genre":"a"},{"id":2,"genre":"b"},{"id":3,"genre":"a"}]""");
        await node.WriteAndWaitAsync(HttpMethod.Put, "/indexes/books/documents", """[{"id":2,"title":"two"}]""");
        await node.WriteAndWaitAsync(HttpMethod.Delete, "/indexes/books/documents/3", "");
        var failed = await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes", """{"uid":"books"}""");
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        await node.WriteAndWaitAsync(HttpMethod.Delete, "/tasks?uids=0", "");
        var tasksBefore = (await node.GetJsonAsync("/tasks?limit=100")).GetProperty("results").ToString();

        await node.RestartAsync();

        Assert.Equal(tasksBefore, (await node.GetJsonAsync("/tasks?limit=100")).GetProperty("results").ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.GetAsync("/tasks/0")).StatusCode);
        var stats = await node.GetJsonAsync("/indexes/books/stats");
        Assert.Equal(2, stats.GetProperty("numberOfDocuments").GetInt32());
        var two = await node.GetJsonAsync("/indexes/books/documents/2");
        Assert.Equal("b", two.GetProperty("genre").GetString());
        Assert.Equal("two", two.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.GetAsync("/indexes/books/documents/3")).StatusCode);
        var settings = await node.GetJsonAsync("/indexes/books/settings");
        Assert.Equal("genre", settings.GetProperty("filterableAttributes")[0].GetString());
        Assert.Equal("id", (await node.GetJsonAsync("/indexes/books")).GetProperty("primaryKey").GetString());

        // New uids continue after the restored ones.
        var next = await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes", """{"uid":"more"}""");
        Assert.True(next.GetProperty("uid").GetInt64() > 6);
    }
}
