using Microsoft.AspNetCore.Http;
using Miroir.Meili.Errors;
using Miroir.Meili.Tasks;

namespace Miroir.Meili.Tests.Tasks;

/// <summary>The task filters node and orchestrator parse alike: accepted values, Meilisearch's messages for the rest.</summary>
public sealed class TaskFilterQueryUnitTests
{
    private static TaskFilterQuery Parse(string query, bool paging = true)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        return TaskFilterQuery.Parse(context.Request, paging);
    }

    private static MeiliException Refused(string query, bool paging = true) => Assert.Throws<MeiliException>(() => Parse(query, paging));

    [Fact]
    public void Filters_ListsTrimmedAndStarMeansAny()
    {
        var q = Parse("?uids=1, 2&statuses=failed,succeeded&types=*&indexUids=movies&limit=5&from=9&reverse=true");

        Assert.Equal([1L, 2L], q.Uids!.Order());
        Assert.Equal(["failed", "succeeded"], q.Statuses!.Order(StringComparer.Ordinal));
        Assert.Null(q.Types);
        Assert.Equal(["movies"], q.IndexUids!);
        Assert.Equal((5, 9L, true), (q.Limit, q.From, q.Reverse));
        Assert.True(q.HasAny);
    }

    [Fact]
    public void Types_OnesTheEngineNeverCreates_StillValidFilters()
    {
        Assert.Equal(["export", "indexCompaction", "upgradeDatabase"], Parse("?types=export,upgradeDatabase,indexCompaction").Types!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Uids_NotANumber_NamesThePosition()
    {
        var e = Refused("?uids=1,abc");

        Assert.Equal(ErrorCode.InvalidTaskUids, e.Code);
        Assert.Equal("Invalid value in parameter `uids[1]`: could not parse `abc` as a positive integer", e.Message);
    }

    [Fact]
    public void Types_Unknown_ListsEveryType()
    {
        var e = Refused("?types=documentAddition");

        Assert.Equal(ErrorCode.InvalidTaskTypes, e.Code);
        Assert.Equal(
            "Invalid value in parameter `types`: `documentAddition` is not a valid task type. Available types are `documentAdditionOrUpdate`, `documentEdition`, `documentDeletion`, `settingsUpdate`, `indexCreation`, `indexDeletion`, `indexUpdate`, `indexSwap`, `taskCancelation`, `taskDeletion`, `dumpCreation`, `snapshotCreation`, `export`, `upgradeDatabase`, `indexCompaction`.",
            e.Message);
    }

    [Theory]
    [InlineData("?statuses=done", "invalid_task_statuses")]
    [InlineData("?indexUids=bad%20uid", "invalid_task_index_uids")]
    [InlineData("?canceledBy=-1", "invalid_task_canceled_by")]
    [InlineData("?beforeEnqueuedAt=yesterday", "invalid_task_before_enqueued_at")]
    [InlineData("?limit=-1", "invalid_task_limit")]
    [InlineData("?limit=4294967296", "invalid_task_limit")]
    [InlineData("?from=x", "invalid_task_from")]
    [InlineData("?reverse=yes", "invalid_task_reverse")]
    public void BadValue_ItsOwnCode(string query, string code)
    {
        Assert.Equal(code, Refused(query).Code.Name);
    }

    [Fact]
    public void Paging_NotAllowedOnCancelOrDelete()
    {
        Assert.Equal(ErrorCode.BadRequest.Name, Refused("?uids=1&limit=2", paging: false).Code.Name);
        Assert.False(Parse("", paging: false).HasAny);
    }
}
