using System.Globalization;
using Microsoft.AspNetCore.Http;
using Miroir.Meili.Errors;
using Miroir.Engine.Tasks;
using Miroir.Meili.Http;
using Miroir.Meili.Tasks;

namespace Miroir.Engine.Http;

/// <summary>Parses the task filters of <c>/tasks</c>, <c>/tasks/cancel</c> and <c>DELETE /tasks</c> from the query string.</summary>
internal static class TaskQuery
{
    public const string FilterNames =
        "`uids`, `indexUids`, `statuses`, `types`, `canceledBy`, `beforeEnqueuedAt`, `afterEnqueuedAt`, `beforeStartedAt`, `afterStartedAt`, `beforeFinishedAt`, `afterFinishedAt`";

    private static readonly string[] FilterParams =
    [
        "uids", "batchUids", "indexUids", "statuses", "types", "canceledBy", "beforeEnqueuedAt", "afterEnqueuedAt",
        "beforeStartedAt", "afterStartedAt", "beforeFinishedAt", "afterFinishedAt",
    ];

    /// <summary>Parses the filters; <paramref name="paging"/> also allows <c>limit</c>, <c>from</c> and <c>reverse</c>.</summary>
    public static TaskFilter Parse(HttpContext ctx, bool paging)
    {
        (paging ? QueryParameterSet.TaskList : QueryParameterSet.TaskFilter).Check(ctx.Request.Query);
        var f = new TaskFilter { OriginalQuery = ctx.Request.QueryString.Value ?? "" };
        f.Uids = Numbers(ctx, "uids", ErrorCode.InvalidTaskUids);
        f.BatchUids = Numbers(ctx, "batchUids", ErrorCode.InvalidBatchUids);
        f.CanceledBy = Numbers(ctx, "canceledBy", ErrorCode.InvalidTaskCanceledBy);
        if (QueryParams.List(ctx, "statuses") is { } statuses)
        {
            f.Statuses = [.. statuses.Select(s => EngineTaskStatusNames.TryParse(s, out var st) ? st : throw new MeiliException(ErrorCode.InvalidTaskStatuses,
                $"Invalid value in parameter `statuses`: `{s}` is not a valid task status. Available statuses are {EngineTaskStatusNames.AllNames}."))];
        }
        if (QueryParams.List(ctx, "types") is { } types)
        {
            f.Types = [.. types.Select(t => TaskKindNames.TryParse(t, out var k) ? k : throw new MeiliException(ErrorCode.InvalidTaskTypes,
                $"Invalid value in parameter `types`: `{t}` is not a valid task type. Available types are {TaskKindNames.AllNames}."))];
        }
        if (QueryParams.List(ctx, "indexUids") is { } indexUids)
        {
            f.IndexUids = [.. indexUids.Select(u => IndexUids.IsValid(u) ? u : throw new MeiliException(ErrorCode.InvalidTaskIndexUids,
                $"Invalid value in parameter `indexUids`: `{u}` is not a valid index uid. Index uid can be an integer or a string containing only alphanumeric characters, hyphens (-) and underscores (_), and can not be more than 400 bytes."))];
        }
        f.BeforeEnqueuedAt = Date(ctx, "beforeEnqueuedAt", ErrorCode.InvalidTaskBeforeEnqueuedAt);
        f.AfterEnqueuedAt = Date(ctx, "afterEnqueuedAt", ErrorCode.InvalidTaskAfterEnqueuedAt);
        f.BeforeStartedAt = Date(ctx, "beforeStartedAt", ErrorCode.InvalidTaskBeforeStartedAt);
        f.AfterStartedAt = Date(ctx, "afterStartedAt", ErrorCode.InvalidTaskAfterStartedAt);
        f.BeforeFinishedAt = Date(ctx, "beforeFinishedAt", ErrorCode.InvalidTaskBeforeFinishedAt);
        f.AfterFinishedAt = Date(ctx, "afterFinishedAt", ErrorCode.InvalidTaskAfterFinishedAt);
        f.HasAny = FilterParams.Any(ctx.Request.Query.ContainsKey);
        return f;
    }

    private static HashSet<long>? Numbers(HttpContext ctx, string name, ErrorCode error)
    {
        if (QueryParams.List(ctx, name) is not { } items)
        {
            return null;
        }
        var set = new HashSet<long>();
        for (var i = 0; i < items.Length; i++)
        {
            if (!long.TryParse(items[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw new MeiliException(error, $"Invalid value in parameter `{name}[{i}]`: could not parse `{items[i]}` as a positive integer");
            }
            set.Add(n);
        }
        return set;
    }

    private static DateTimeOffset? Date(HttpContext ctx, string name, ErrorCode error)
    {
        var text = QueryParams.String(ctx, name);
        if (text is null)
        {
            return null;
        }
        return TaskTime.TryParseFilter(name, text, out var bound)
            ? bound
            : throw new MeiliException(error,
                $"Invalid value in parameter `{name}`: `{text}` is an invalid date-time. It should follow the YYYY-MM-DD or RFC 3339 date-time format.");
    }
}
