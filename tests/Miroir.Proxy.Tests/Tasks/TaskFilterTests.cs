using System.Globalization;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Tasks;

/// <summary>Task filters, cancelation and deletion at the orchestrator as the official client meets them.</summary>
public sealed class TaskFilterTests
{
    private static readonly string[] DateFilters =
        ["beforeEnqueuedAt", "afterEnqueuedAt", "beforeStartedAt", "afterStartedAt", "beforeFinishedAt", "afterFinishedAt"];

    [Fact]
    public async Task DateFilters_Star_MeanNoBoundOnEveryTaskRoute()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 2, replicationFactor: 1);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"a\",\"primaryKey\":\"id\"}")));
        foreach (var name in DateFilters)
        {
            var all = (await cluster.SendJsonAsync(HttpMethod.Get, "/tasks")).Body.GetProperty("total").GetInt32();
            var (tasks, page, _) = await cluster.SendJsonAsync(HttpMethod.Get, $"/tasks?{name}=*");
            Assert.True(tasks == 200, $"GET /tasks?{name}=* answered {tasks}: {page}");
            Assert.Equal(all, page.GetProperty("total").GetInt32());
            var (batches, batchPage, _) = await cluster.SendJsonAsync(HttpMethod.Get, $"/batches?{name}=*");
            Assert.True(batches == 200, $"GET /batches?{name}=* answered {batches}: {batchPage}");
            await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, $"/tasks/cancel?{name}=*")));
            await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Delete, $"/tasks?types=taskCancelation&{name}=*")));
        }
    }

    [Fact]
    public async Task DateFilters_BareDateBefore_MeansEndOfThatDay()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"a\",\"primaryKey\":\"id\"}")));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (_, page, _) = await cluster.SendJsonAsync(HttpMethod.Get, $"/tasks?beforeEnqueuedAt={today}");
        Assert.Equal(1, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task DateFilters_Invalid_Returns400WithFilterCode()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/tasks?afterEnqueuedAt=yesterday");
        Assert.Equal(400, status);
        Assert.Equal("invalid_task_after_enqueued_at", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task CancelTasks_MatchingNothing_CanceledTasksIsZero()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 2, replicationFactor: 1);
        var task = await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/tasks/cancel?uids=999")));
        var details = task.GetProperty("details");
        Assert.Equal(0, details.GetProperty("matchedTasks").GetInt32());
        Assert.Equal(0, details.GetProperty("canceledTasks").GetInt32());
        Assert.Equal("?uids=999", details.GetProperty("originalFilter").GetString());
    }

    [Fact]
    public async Task CancelTasks_EnqueuedWrites_CanceledTasksCountsTheCanceledOnes()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 2, replicationFactor: 1);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"a\",\"primaryKey\":\"id\"}")));
        var docs = "[" + string.Join(',', Enumerable.Range(0, 2000).Select(i => $"{{\"id\":{i},\"text\":\"some words to index number {i}\"}}")) + "]";
        var writes = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            writes.Add(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/a/documents", docs)));
        }

        var cancel = await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/tasks/cancel?indexUids=a&types=documentAdditionOrUpdate")));
        var cancelUid = cancel.GetProperty("uid").GetInt64();
        var canceled = 0;
        foreach (var uid in writes)
        {
            var write = await cluster.WaitForTaskAsync(uid);
            canceled += write.GetProperty("status").GetString() == "canceled" && write.GetProperty("canceledBy").GetInt64() == cancelUid ? 1 : 0;
        }

        var details = cancel.GetProperty("details");
        Assert.Equal(System.Text.Json.JsonValueKind.Number, details.GetProperty("canceledTasks").ValueKind);
        Assert.Equal(canceled, details.GetProperty("canceledTasks").GetInt32());
        Assert.True(details.GetProperty("matchedTasks").GetInt32() >= canceled);
    }

    [Fact]
    public async Task DeleteTasks_RightAfterTheTaskWasEnqueued_DeletesItOnceFinished()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 2, replicationFactor: 1);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"a\",\"primaryKey\":\"id\"}")));
        var write = MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/a/documents", "[{\"id\":1},{\"id\":2}]"));
        var deletion = await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Delete, $"/tasks?uids={write}")));

        Assert.Equal(1, deletion.GetProperty("details").GetProperty("matchedTasks").GetInt32());
        Assert.Equal(1, deletion.GetProperty("details").GetProperty("deletedTasks").GetInt32());
        Assert.Equal(404, (await cluster.SendJsonAsync(HttpMethod.Get, $"/tasks/{write}")).Status);
        Assert.Equal(200, (await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/a/documents/2")).Status);
    }

    [Fact]
    public async Task DeleteTasks_StatusFilterOnAnEnqueuedTask_DeletesItOnceItMatches()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 2, replicationFactor: 1);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"a\",\"primaryKey\":\"id\"}")));
        var write = MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/a/documents", "[{\"id\":1}]"));
        var deletion = await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Delete, $"/tasks?statuses=succeeded&types=documentAdditionOrUpdate")));

        Assert.Equal(1, deletion.GetProperty("details").GetProperty("deletedTasks").GetInt32());
        Assert.Equal(404, (await cluster.SendJsonAsync(HttpMethod.Get, $"/tasks/{write}")).Status);
    }

    [Fact]
    public async Task DeleteTasks_AfterRestart_DeletedTasksStayDeleted()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        var create = MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"a\",\"primaryKey\":\"id\"}"));
        var deletion = MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Delete, $"/tasks?uids={create}"));
        await cluster.WaitForSuccessAsync(deletion);
        await cluster.RestartProxyAsync();

        Assert.Equal(404, (await cluster.SendJsonAsync(HttpMethod.Get, $"/tasks/{create}")).Status);
        var task = await cluster.WaitForSuccessAsync(deletion);
        Assert.Equal(1, task.GetProperty("details").GetProperty("deletedTasks").GetInt32());
    }
}
