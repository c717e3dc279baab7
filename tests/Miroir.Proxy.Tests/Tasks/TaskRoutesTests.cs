using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Tasks;

public sealed class TaskRoutesTests
{
    [Fact]
    public async Task GetTask_AfterWrite_HasMeilisearchShapeAndMonotonicUids()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        var first = MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"a\",\"primaryKey\":\"id\"}"));
        var second = MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/a/documents", "[{\"id\":1}]"));
        Assert.True(second > first);

        var task = await cluster.WaitForSuccessAsync(second);
        foreach (var field in new[] { "uid", "batchUid", "indexUid", "status", "type", "canceledBy", "details", "error", "duration", "enqueuedAt", "startedAt", "finishedAt" })
        {
            Assert.True(task.TryGetProperty(field, out _), $"missing {field}: {task}");
        }

        Assert.Equal(second, task.GetProperty("uid").GetInt64());
        Assert.Equal("a", task.GetProperty("indexUid").GetString());
        Assert.StartsWith("PT", task.GetProperty("duration").GetString());
    }

    [Fact]
    public async Task ListTasks_Filters_ReturnOnlyMatchingNewestFirstWithPaging()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"a\",\"primaryKey\":\"id\"}")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"b\",\"primaryKey\":\"id\"}")));
        for (var i = 0; i < 3; i++)
        {
            await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/a/documents", $"[{{\"id\":{i}}}]")));
        }

        var (_, byType, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/tasks?types=documentAdditionOrUpdate&indexUids=a");
        Assert.Equal(3, byType.GetProperty("total").GetInt32());
        var uids = byType.GetProperty("results").EnumerateArray().Select(t => t.GetProperty("uid").GetInt64()).ToArray();
        Assert.Equal(uids.OrderByDescending(u => u), uids);

        var (_, page, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/tasks?limit=2");
        Assert.Equal(2, page.GetProperty("results").GetArrayLength());
        Assert.Equal(5, page.GetProperty("total").GetInt32());
        var next = page.GetProperty("next").GetInt64();
        var (_, rest, _) = await cluster.SendJsonAsync(HttpMethod.Get, $"/tasks?limit=10&from={next}");
        Assert.Equal(3, rest.GetProperty("results").GetArrayLength());
        Assert.Equal(JsonNull(), rest.GetProperty("next").ValueKind);

        var (_, creations, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/tasks?types=indexCreation&statuses=succeeded&reverse=true");
        Assert.Equal(new[] { "a", "b" }, creations.GetProperty("results").EnumerateArray().Select(t => t.GetProperty("indexUid").GetString()).ToArray());
    }

    private static System.Text.Json.JsonValueKind JsonNull() => System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task ListTasks_InvalidStatus_Returns400()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/tasks?statuses=done");
        Assert.Equal(400, status);
        Assert.Equal("invalid_task_statuses", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Routes_UnknownQueryParameter_BadRequestNamingIt()
    {
        const string TaskList =
            "`limit`, `from`, `reverse`, `batchUids`, `uids`, `canceledBy`, `types`, `statuses`, `indexUids`, `afterEnqueuedAt`, `beforeEnqueuedAt`, `afterStartedAt`, `beforeStartedAt`, `afterFinishedAt`, `beforeFinishedAt`";
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/a/documents", "[{\"id\":1}]")));
        foreach (var (method, path, expected) in new[]
        {
            (HttpMethod.Get, "/tasks?lol=pied", TaskList),
            (HttpMethod.Get, "/batches?lol=pied", TaskList),
            (HttpMethod.Delete, "/tasks?uids=1&lol=pied",
                "`uids`, `batchUids`, `canceledBy`, `types`, `statuses`, `indexUids`, `afterEnqueuedAt`, `beforeEnqueuedAt`, `afterStartedAt`, `beforeStartedAt`, `afterFinishedAt`, `beforeFinishedAt`"),
            (HttpMethod.Get, "/indexes/a/documents?lol=pied", "`offset`, `limit`, `fields`, `retrieveVectors`, `ids`, `filter`"),
            (HttpMethod.Get, "/indexes/a/documents/1?lol=pied", "`fields`, `retrieveVectors`"),
            (HttpMethod.Get, "/indexes?lol=pied", "`offset`, `limit`"),
        })
        {
            var (status, error, _) = await cluster.SendJsonAsync(method, path);
            Assert.Equal(400, status);
            Assert.Equal("Unknown parameter `lol`: expected one of " + expected, error.GetProperty("message").GetString());
            Assert.Equal("bad_request", error.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task GetTask_Unknown_Returns404()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/tasks/999");
        Assert.Equal(404, status);
        Assert.Equal("task_not_found", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task RestartOrchestrator_AfterWrites_TasksAndIndexMetadataSurvive()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        var create = MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"a\",\"primaryKey\":\"id\"}"));
        var add = MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/a/documents", "[{\"id\":1},{\"id\":2}]"));
        await cluster.WaitForSuccessAsync(add);

        await cluster.RestartProxyAsync();

        var (status, task, _) = await cluster.SendJsonAsync(HttpMethod.Get, $"/tasks/{add}");
        Assert.Equal(200, status);
        Assert.Equal("succeeded", task.GetProperty("status").GetString());
        Assert.Equal(2, task.GetProperty("details").GetProperty("indexedDocuments").GetInt32());
        Assert.Equal(200, (await cluster.SendJsonAsync(HttpMethod.Get, $"/tasks/{create}")).Status);

        // The sequence continues after the replayed tasks, and the primary key is still known.
        var next = MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/a/documents", "[{\"id\":3}]"));
        Assert.True(next > add);
        await cluster.WaitForSuccessAsync(next);
        Assert.Equal(200, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/a/documents/3")).Status);
    }

    [Fact]
    public async Task RestartOrchestrator_TaskUnfinishedWhenStopped_ResumesPollingAndSucceeds()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        var create = MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"a\",\"primaryKey\":\"id\"}"));
        await cluster.RestartProxyAsync();
        await cluster.WaitForSuccessAsync(create);
    }

    [Fact]
    public async Task DeleteTasks_FinishedTaskFilter_RemovesThem()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        var create = MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"a\",\"primaryKey\":\"id\"}"));
        await cluster.WaitForSuccessAsync(create);

        var deletion = await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Delete, $"/tasks?uids={create}")));

        Assert.Equal(1, deletion.GetProperty("details").GetProperty("deletedTasks").GetInt32());
        Assert.Equal(404, (await cluster.SendJsonAsync(HttpMethod.Get, $"/tasks/{create}")).Status);
    }

    [Fact]
    public async Task CancelTasks_NoFilter_Returns400MissingTaskFilters()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/tasks/cancel");
        Assert.Equal(400, status);
        Assert.Equal("missing_task_filters", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task CancelTasks_NothingPending_SucceedsWithZeroMatched()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        var task = await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/tasks/cancel?statuses=enqueued")));
        Assert.Equal("taskCancelation", task.GetProperty("type").GetString());
        Assert.Equal(0, task.GetProperty("details").GetProperty("matchedTasks").GetInt32());
    }
}
