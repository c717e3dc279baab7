using System.Net;
using Miroir.Engine.Tests.Node;

namespace Miroir.Engine.Tests.Tasks;

public sealed class TaskRoutesTests
{
    [Fact]
    public async Task Tasks_ListWithFiltersAndPagination_PagesNewestFirst()
    {
        await using var node = await TestNode.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes", $$"""{"uid":"i{{i}}"}""");
        }
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes", """{"uid":"i0"}"""); // fails: exists

        var page = await node.GetJsonAsync("/tasks?limit=2");
        Assert.Equal(6, page.GetProperty("total").GetInt32());
        var uids = page.GetProperty("results").EnumerateArray().Select(t => t.GetProperty("uid").GetInt64()).ToArray();
        Assert.Equal([5L, 4L], uids);
        Assert.Equal(3, page.GetProperty("next").GetInt64());

        var next = await node.GetJsonAsync("/tasks?limit=2&from=3");
        Assert.Equal(3, next.GetProperty("results")[0].GetProperty("uid").GetInt64());

        var reversed = await node.GetJsonAsync("/tasks?limit=1&reverse=true");
        Assert.Equal(0, reversed.GetProperty("results")[0].GetProperty("uid").GetInt64());

        var failed = await node.GetJsonAsync("/tasks?statuses=failed");
        Assert.Equal(1, failed.GetProperty("total").GetInt32());
        var byIndex = await node.GetJsonAsync("/tasks?indexUids=i1,i2&types=indexCreation");
        Assert.Equal(2, byIndex.GetProperty("total").GetInt32());
        var byUid = await node.GetJsonAsync("/tasks?uids=0,2");
        Assert.Equal(2, byUid.GetProperty("total").GetInt32());
        var future = await node.GetJsonAsync("/tasks?afterEnqueuedAt=2999-01-01");
        Assert.Equal(0, future.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/tasks?statuses=done", "invalid_task_statuses")]
    [InlineData("/tasks?types=nope", "invalid_task_types")]
    [InlineData("/tasks?uids=x", "invalid_task_uids")]
    [InlineData("/tasks?limit=-1", "invalid_task_limit")]
    [InlineData("/tasks?beforeEnqueuedAt=yesterday", "invalid_task_before_enqueued_at")]
    [InlineData("/tasks?foo=1", "bad_request")]
    public async Task Tasks_InvalidFilter_Returns400WithCode(string path, string code)
    {
        await using var node = await TestNode.StartAsync();
        var response = await node.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await TestNode.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Tasks_CancelAndDeleteWithoutFilter_ReturnMissingTaskFilters()
    {
        await using var node = await TestNode.StartAsync();
        var cancel = await node.SendJsonAsync(HttpMethod.Post, "/tasks/cancel", "");
        Assert.Equal("missing_task_filters", (await TestNode.JsonAsync(cancel)).GetProperty("code").GetString());
        var delete = await node.Client.DeleteAsync("/tasks");
        Assert.Equal("missing_task_filters", (await TestNode.JsonAsync(delete)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Tasks_DeleteFinished_RemovesThemAndReportsCounts()
    {
        await using var node = await TestNode.StartAsync();
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes", """{"uid":"a"}""");
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes", """{"uid":"b"}""");
        var deletion = await node.WriteAndWaitAsync(HttpMethod.Delete, "/tasks?uids=0", "");
        Assert.Equal("taskDeletion", deletion.GetProperty("type").GetString());
        var details = deletion.GetProperty("details");
        Assert.Equal(1, details.GetProperty("matchedTasks").GetInt32());
        Assert.Equal(1, details.GetProperty("deletedTasks").GetInt32());
        Assert.Equal("?uids=0", details.GetProperty("originalFilter").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.GetAsync("/tasks/0")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await node.Client.GetAsync("/tasks/1")).StatusCode);
    }

    [Fact]
    public async Task Tasks_CancelFinished_CancelsNothing()
    {
        await using var node = await TestNode.StartAsync();
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes", """{"uid":"a"}""");
        var cancel = await node.WriteAndWaitAsync(HttpMethod.Post, "/tasks/cancel?statuses=succeeded", "");
        Assert.Equal(1, cancel.GetProperty("details").GetProperty("matchedTasks").GetInt32());
        Assert.Equal(0, cancel.GetProperty("details").GetProperty("canceledTasks").GetInt32());
    }

    [Fact]
    public async Task Tasks_WriteAnswer_HasSummaryShape()
    {
        await using var node = await TestNode.StartAsync();
        var response = await node.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"a"}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await TestNode.JsonAsync(response);
        Assert.Equal(0, body.GetProperty("taskUid").GetInt64());
        Assert.Equal("a", body.GetProperty("indexUid").GetString());
        Assert.Equal("enqueued", body.GetProperty("status").GetString());
        Assert.Equal("indexCreation", body.GetProperty("type").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$", body.GetProperty("enqueuedAt").GetString());
    }

    [Fact]
    public async Task Batches_OnePerTask_ListAndGet()
    {
        await using var node = await TestNode.StartAsync();
        var task = await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes", """{"uid":"a"}""");
        var batchUid = task.GetProperty("batchUid").GetInt64();
        var batch = await node.GetJsonAsync($"/batches/{batchUid}");
        Assert.Equal(1, batch.GetProperty("stats").GetProperty("totalNbTasks").GetInt32());
        Assert.Equal(1, batch.GetProperty("stats").GetProperty("types").GetProperty("indexCreation").GetInt32());
        var list = await node.GetJsonAsync("/batches");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.GetAsync("/batches/99")).StatusCode);
    }
}
