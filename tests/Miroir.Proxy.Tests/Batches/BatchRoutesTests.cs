using System.Text.Json;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Batches;

/// <summary><c>/batches</c> through the orchestrator: one batch per started Miroir task, Meilisearch's shape, filters and errors.</summary>
public sealed class BatchRoutesTests
{
    [Fact]
    public async Task GetBatch_AfterWrite_HasMeilisearchShapeAndTaskBatchUid()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"a\",\"primaryKey\":\"id\"}")));
        var add = await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/a/documents", "[{\"id\":1},{\"id\":2}]")));
        var batchUid = add.GetProperty("batchUid").GetInt64();

        var (status, batch, _) = await cluster.SendJsonAsync(HttpMethod.Get, $"/batches/{batchUid}");

        Assert.Equal(200, status);
        Assert.Equal(
            new[] { "uid", "progress", "details", "stats", "duration", "startedAt", "finishedAt" },
            batch.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(batchUid, batch.GetProperty("uid").GetInt64());
        Assert.Equal(JsonValueKind.Null, batch.GetProperty("progress").ValueKind);
        Assert.Equal(2, batch.GetProperty("details").GetProperty("indexedDocuments").GetInt32());
        var stats = batch.GetProperty("stats");
        Assert.Equal(1, stats.GetProperty("totalNbTasks").GetInt32());
        Assert.Equal(1, stats.GetProperty("status").GetProperty("succeeded").GetInt32());
        Assert.Equal(1, stats.GetProperty("types").GetProperty("documentAdditionOrUpdate").GetInt32());
        Assert.Equal(1, stats.GetProperty("indexUids").GetProperty("a").GetInt32());
        Assert.StartsWith("PT", batch.GetProperty("duration").GetString());
        Assert.Equal(add.GetProperty("startedAt").GetString(), batch.GetProperty("startedAt").GetString());
        Assert.Equal(add.GetProperty("finishedAt").GetString(), batch.GetProperty("finishedAt").GetString());
    }

    [Fact]
    public async Task ListBatches_FiltersAndPaging_LikeTasks()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"a\",\"primaryKey\":\"id\"}")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"b\",\"primaryKey\":\"id\"}")));
        for (var i = 0; i < 3; i++)
        {
            await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/a/documents", $"[{{\"id\":{i}}}]")));
        }

        var (_, byType, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/batches?types=documentAdditionOrUpdate&indexUids=a&statuses=succeeded");
        Assert.Equal(3, byType.GetProperty("total").GetInt32());
        var uids = Uids(byType);
        Assert.Equal(uids.OrderByDescending(u => u), uids);

        var (_, page, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/batches?limit=2");
        Assert.Equal(5, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("limit").GetInt32());
        Assert.Equal(Uids(page)[0], page.GetProperty("from").GetInt64());
        var next = page.GetProperty("next").GetInt64();
        var (_, rest, _) = await cluster.SendJsonAsync(HttpMethod.Get, $"/batches?limit=10&from={next}");
        Assert.Equal(3, rest.GetProperty("results").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);
        var all = Uids((await cluster.SendJsonAsync(HttpMethod.Get, "/batches")).Body);
        Assert.Equal(Uids(page).Concat(Uids(rest)), all);

        var (_, creations, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/batches?types=indexCreation&reverse=true");
        Assert.Equal(new[] { "a", "b" }, creations.GetProperty("results").EnumerateArray()
            .Select(b => b.GetProperty("stats").GetProperty("indexUids").EnumerateObject().Single().Name).ToArray());

        var (_, byBatch, _) = await cluster.SendJsonAsync(HttpMethod.Get, $"/batches?batchUids={next}");
        Assert.Equal(new[] { next }, Uids(byBatch));
    }

    [Theory]
    [InlineData("/batches/abc", 400, "invalid_batch_uids", "Batch uid `abc` is invalid. It should only contain numeric characters.")]
    [InlineData("/batches/999", 404, "batch_not_found", "Batch `999` not found.")]
    [InlineData("/batches?statuses=done", 400, "invalid_task_statuses", null)]
    [InlineData("/batches?types=nope", 400, "invalid_task_types", null)]
    [InlineData("/batches?uids=x", 400, "invalid_task_uids", null)]
    [InlineData("/batches?batchUids=-1", 400, "invalid_batch_uids", null)]
    [InlineData("/batches?limit=-1", 400, "invalid_task_limit", null)]
    [InlineData("/batches?from=x", 400, "invalid_task_from", null)]
    [InlineData("/batches?reverse=maybe", 400, "invalid_task_reverse", null)]
    [InlineData("/batches?afterEnqueuedAt=yesterday", 400, "invalid_task_after_enqueued_at", null)]
    public async Task Batches_BadInput_MeilisearchError(string path, int expectedStatus, string code, string? message)
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Get, path);

        Assert.Equal(expectedStatus, status);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal("invalid_request", error.GetProperty("type").GetString());
        Assert.Equal("https://docs.meilisearch.com/errors#" + code, error.GetProperty("link").GetString());
        if (message is not null)
        {
            Assert.Equal(message, error.GetProperty("message").GetString());
        }
    }

    private static long[] Uids(JsonElement list) =>
        list.GetProperty("results").EnumerateArray().Select(b => b.GetProperty("uid").GetInt64()).ToArray();
}
