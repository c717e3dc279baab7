using System.Globalization;
using Microsoft.AspNetCore.Http;
using Miroir.Meili.Errors;
using Miroir.Meili.Tasks;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Tasks;

/// <summary>Meilisearch's task filters (<c>uids, batchUids, statuses, types, indexUids, canceledBy, before/after*At</c>) parsed from a query string.</summary>
internal sealed class TaskQuery
{
    private static readonly string[] FilterNames =
    [
        "uids", "batchUids", "statuses", "types", "indexUids", "canceledBy",
        "beforeEnqueuedAt", "afterEnqueuedAt", "beforeStartedAt", "afterStartedAt", "beforeFinishedAt", "afterFinishedAt",
    ];

    private HashSet<long>? _uids;
    private HashSet<long>? _batchUids;
    private HashSet<long>? _canceledBy;
    private HashSet<string>? _statuses;
    private HashSet<string>? _types;
    private HashSet<string>? _indexUids;
    private DateTimeOffset? _beforeEnqueuedAt;
    private DateTimeOffset? _afterEnqueuedAt;
    private DateTimeOffset? _beforeStartedAt;
    private DateTimeOffset? _afterStartedAt;
    private DateTimeOffset? _beforeFinishedAt;
    private DateTimeOffset? _afterFinishedAt;

    /// <summary>True when at least one filter was given (cancel and delete require one).</summary>
    public bool HasFilter { get; private set; }

    public int Limit { get; private set; } = 20;

    public long? From { get; private set; }

    public bool Reverse { get; private set; }

    /// <summary>The query string as received, for <c>details.originalFilter</c>.</summary>
    public string OriginalFilter { get; private set; } = "";

    public static TaskQuery Parse(HttpContext ctx, bool paging)
    {
        var q = ctx.Request.Query;
        (paging ? QueryParameterSet.TaskList : QueryParameterSet.TaskFilter).Check(q);
        var result = new TaskQuery { OriginalFilter = ctx.Request.QueryString.Value ?? "" };
        result._uids = Numbers(q["uids"], ErrorCode.InvalidTaskUids, "uids");
        result._batchUids = Numbers(q["batchUids"], ErrorCode.InvalidBatchUids, "batchUids");
        result._canceledBy = Numbers(q["canceledBy"], ErrorCode.InvalidTaskCanceledBy, "canceledBy");
        result._statuses = Names(q["statuses"], TaskStatusNames.All, ErrorCode.InvalidTaskStatuses, "statuses");
        result._types = Names(q["types"], TaskStatusNames.Types, ErrorCode.InvalidTaskTypes, "types");
        result._indexUids = Names(q["indexUids"], null, ErrorCode.InvalidTaskIndexUids, "indexUids");
        result._beforeEnqueuedAt = Date(q["beforeEnqueuedAt"], ErrorCode.InvalidTaskBeforeEnqueuedAt, "beforeEnqueuedAt");
        result._afterEnqueuedAt = Date(q["afterEnqueuedAt"], ErrorCode.InvalidTaskAfterEnqueuedAt, "afterEnqueuedAt");
        result._beforeStartedAt = Date(q["beforeStartedAt"], ErrorCode.InvalidTaskBeforeStartedAt, "beforeStartedAt");
        result._afterStartedAt = Date(q["afterStartedAt"], ErrorCode.InvalidTaskAfterStartedAt, "afterStartedAt");
        result._beforeFinishedAt = Date(q["beforeFinishedAt"], ErrorCode.InvalidTaskBeforeFinishedAt, "beforeFinishedAt");
        result._afterFinishedAt = Date(q["afterFinishedAt"], ErrorCode.InvalidTaskAfterFinishedAt, "afterFinishedAt");
        result.HasFilter = FilterNames.Any(n => q.ContainsKey(n));
        if (paging)
        {
            if (q.TryGetValue("limit", out var limit))
            {
                result.Limit = int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var l)
                    ? l
                    : throw new ProxyException(ErrorCode.InvalidTaskLimit, $"Invalid value in parameter `limit`: could not parse `{limit}` as a positive integer");
            }

            if (q.TryGetValue("from", out var from))
            {
                result.From = long.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var f)
                    ? f
                    : throw new ProxyException(ErrorCode.InvalidTaskFrom, $"Invalid value in parameter `from`: could not parse `{from}` as a positive integer");
            }

            if (q.TryGetValue("reverse", out var reverse))
            {
                result.Reverse = reverse == "true" || (reverse == "false"
                    ? false
                    : throw new ProxyException(ErrorCode.InvalidTaskReverse, $"Invalid value in parameter `reverse`: could not parse `{reverse}` as a boolean, expected either `true` or `false`"));
            }
        }

        return result;
    }

    public bool Matches(MiroirTask t)
    {
        lock (t)
        {
            return (_uids is null || _uids.Contains(t.Uid))
                && (_batchUids is null || t.Status != TaskStatusNames.Enqueued && _batchUids.Contains(t.Uid))
                && (_canceledBy is null || t.CanceledBy is { } c && _canceledBy.Contains(c))
                && (_statuses is null || _statuses.Contains(t.Status))
                && (_types is null || _types.Contains(t.Type))
                && (_indexUids is null || t.IndexUid is not null && _indexUids.Contains(t.IndexUid))
                && InRange(t.EnqueuedAt, _beforeEnqueuedAt, _afterEnqueuedAt)
                && InRange(t.StartedAt, _beforeStartedAt, _afterStartedAt)
                && InRange(t.FinishedAt, _beforeFinishedAt, _afterFinishedAt);
        }
    }

    /// <summary>
    /// Whether an unfinished task could match once it finished: only the filters that cannot change
    /// (uids, types, indexes, enqueued dates) are checked. A task deletion waits for such earlier tasks.
    /// </summary>
    public bool MayMatchOnceFinished(MiroirTask t) =>
        (_uids is null || _uids.Contains(t.Uid))
        && (_types is null || _types.Contains(t.Type))
        && (_indexUids is null || t.IndexUid is not null && _indexUids.Contains(t.IndexUid))
        && InRange(t.EnqueuedAt, _beforeEnqueuedAt, _afterEnqueuedAt)
        && (_statuses is null || _statuses.Any(TaskStatusNames.IsFinished));

    private static bool InRange(DateTimeOffset? value, DateTimeOffset? before, DateTimeOffset? after) =>
        before is null && after is null
        || value is { } v && (before is null || v < before) && (after is null || v > after);

    private static HashSet<long>? Numbers(string? raw, ErrorCode error, string name)
    {
        if (raw is null || raw == "*")
        {
            return null;
        }

        var set = new HashSet<long>();
        foreach (var part in raw.Split(','))
        {
            if (!long.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw new ProxyException(error, $"Invalid value in parameter `{name}`: could not parse `{part}` as a positive integer");
            }

            set.Add(n);
        }

        return set;
    }

    private static HashSet<string>? Names(string? raw, string[]? allowed, ErrorCode error, string name)
    {
        if (raw is null || raw == "*")
        {
            return null;
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in raw.Split(','))
        {
            var value = part.Trim();
            if (allowed is not null && !allowed.Contains(value) || value.Length == 0)
            {
                throw new ProxyException(error, allowed is null
                    ? $"Invalid value in parameter `{name}`: `{value}` is not a valid index uid."
                    : $"Invalid value in parameter `{name}`: `{value}` is not a valid task {name[..^1]}. Available {name} are {string.Join(", ", allowed.Select(a => "`" + a + "`"))}.");
            }

            set.Add(value);
        }

        return set;
    }

    private static DateTimeOffset? Date(string? raw, ErrorCode error, string name)
    {
        if (raw is null)
        {
            return null;
        }

        return TaskTime.TryParseFilter(name, raw, out var bound)
            ? bound
            : throw new ProxyException(error, $"Invalid value in parameter `{name}`: `{raw}` is an invalid date-time. It should follow the YYYY-MM-DD or RFC 3339 date-time format.");
    }
}
