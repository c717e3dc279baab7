using System.Globalization;
using Microsoft.AspNetCore.Http;
using Miroir.Meili.Errors;
using Miroir.Meili.Http;
using Miroir.Meili.Validation;

namespace Miroir.Meili.Tasks;

/// <summary>
/// The task filters of <c>/tasks</c>, <c>/tasks/cancel</c>, <c>DELETE /tasks</c> and <c>/batches</c>
/// (<c>uids, batchUids, statuses, types, indexUids, canceledBy, before/after*At</c>, and with paging <c>limit, from,
/// reverse</c>), parsed and checked with Meilisearch's messages, the same on node and orchestrator. A list that is
/// absent or holds <c>*</c> is null: no restriction.
/// </summary>
public sealed class TaskFilterQuery
{
    private static readonly string[] FilterNames =
    [
        "uids", "batchUids", "indexUids", "statuses", "types", "canceledBy", "beforeEnqueuedAt", "afterEnqueuedAt",
        "beforeStartedAt", "afterStartedAt", "beforeFinishedAt", "afterFinishedAt",
    ];

    private TaskFilterQuery(string originalQuery) => OriginalQuery = originalQuery;

    public IReadOnlySet<long>? Uids { get; private init; }

    public IReadOnlySet<long>? BatchUids { get; private init; }

    public IReadOnlySet<long>? CanceledBy { get; private init; }

    /// <summary>Names from <see cref="TaskNames.Statuses"/>.</summary>
    public IReadOnlySet<string>? Statuses { get; private init; }

    /// <summary>Names from <see cref="TaskNames.Types"/>.</summary>
    public IReadOnlySet<string>? Types { get; private init; }

    public IReadOnlySet<string>? IndexUids { get; private init; }

    public DateTimeOffset? BeforeEnqueuedAt { get; private init; }

    public DateTimeOffset? AfterEnqueuedAt { get; private init; }

    public DateTimeOffset? BeforeStartedAt { get; private init; }

    public DateTimeOffset? AfterStartedAt { get; private init; }

    public DateTimeOffset? BeforeFinishedAt { get; private init; }

    public DateTimeOffset? AfterFinishedAt { get; private init; }

    /// <summary>True when at least one filter was given (cancel and delete require one).</summary>
    public bool HasAny { get; private init; }

    /// <summary>The query string as received, for <c>details.originalFilter</c>.</summary>
    public string OriginalQuery { get; }

    public int Limit { get; private init; } = 20;

    public long? From { get; private init; }

    public bool Reverse { get; private init; }

    /// <summary>Parses the filters; <paramref name="paging"/> also allows <c>limit</c>, <c>from</c> and <c>reverse</c>.</summary>
    public static TaskFilterQuery Parse(HttpRequest request, bool paging)
    {
        ArgumentNullException.ThrowIfNull(request);
        var q = request.Query;
        (paging ? QueryParameterSet.TaskList : QueryParameterSet.TaskFilter).Check(q);
        return new TaskFilterQuery(request.QueryString.Value ?? "")
        {
            Uids = Numbers(q, "uids", ErrorCode.InvalidTaskUids),
            BatchUids = Numbers(q, "batchUids", ErrorCode.InvalidBatchUids),
            CanceledBy = Numbers(q, "canceledBy", ErrorCode.InvalidTaskCanceledBy),
            Statuses = Names(q, "statuses", ErrorCode.InvalidTaskStatuses, s => TaskNames.Statuses.Contains(s), s =>
                $"Invalid value in parameter `statuses`: `{s}` is not a valid task status. Available statuses are {TaskNames.Listed(TaskNames.Statuses)}."),
            Types = Names(q, "types", ErrorCode.InvalidTaskTypes, t => TaskNames.Types.Contains(t), t =>
                $"Invalid value in parameter `types`: `{t}` is not a valid task type. Available types are {TaskNames.Listed(TaskNames.Types)}."),
            IndexUids = Names(q, "indexUids", ErrorCode.InvalidTaskIndexUids, IndexUidRules.IsValid, u =>
                $"Invalid value in parameter `indexUids`: `{u}` is not a valid index uid. Index uid can be an integer or a string containing only alphanumeric characters, hyphens (-) and underscores (_), and can not be more than 512 bytes."),
            BeforeEnqueuedAt = Date(q, "beforeEnqueuedAt", ErrorCode.InvalidTaskBeforeEnqueuedAt),
            AfterEnqueuedAt = Date(q, "afterEnqueuedAt", ErrorCode.InvalidTaskAfterEnqueuedAt),
            BeforeStartedAt = Date(q, "beforeStartedAt", ErrorCode.InvalidTaskBeforeStartedAt),
            AfterStartedAt = Date(q, "afterStartedAt", ErrorCode.InvalidTaskAfterStartedAt),
            BeforeFinishedAt = Date(q, "beforeFinishedAt", ErrorCode.InvalidTaskBeforeFinishedAt),
            AfterFinishedAt = Date(q, "afterFinishedAt", ErrorCode.InvalidTaskAfterFinishedAt),
            HasAny = FilterNames.Any(q.ContainsKey),
            Limit = paging && Integer(q, "limit", ErrorCode.InvalidTaskLimit, int.MaxValue) is { } limit ? (int)limit : 20,
            From = paging ? Integer(q, "from", ErrorCode.InvalidTaskFrom, long.MaxValue) : null,
            Reverse = paging && Boolean(q, "reverse", ErrorCode.InvalidTaskReverse),
        };
    }

    /// <summary>True when a date lies inside the bounds (both exclusive); a missing date matches only when no bound is set.</summary>
    public static bool InRange(DateTimeOffset? value, DateTimeOffset? before, DateTimeOffset? after) =>
        before is null && after is null
        || value is { } v && (before is null || v < before) && (after is null || v > after);

    /// <summary>A comma-separated list, entries trimmed, empty ones dropped; null when absent or holding <c>*</c>.</summary>
    private static string[]? List(IQueryCollection q, string name)
    {
        if (!q.TryGetValue(name, out var raw))
        {
            return null;
        }

        var items = raw.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return items.Contains("*") ? null : items;
    }

    private static HashSet<long>? Numbers(IQueryCollection q, string name, ErrorCode error)
    {
        if (List(q, name) is not { } items)
        {
            return null;
        }

        var set = new HashSet<long>();
        for (var i = 0; i < items.Length; i++)
        {
            set.Add(long.TryParse(items[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new MeiliException(error, $"Invalid value in parameter `{name}[{i}]`: could not parse `{items[i]}` as a positive integer"));
        }

        return set;
    }

    private static HashSet<string>? Names(IQueryCollection q, string name, ErrorCode error, Func<string, bool> valid, Func<string, string> message)
    {
        if (List(q, name) is not { } items)
        {
            return null;
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            set.Add(valid(item) ? item : throw new MeiliException(error, message(item)));
        }

        return set;
    }

    private static DateTimeOffset? Date(IQueryCollection q, string name, ErrorCode error)
    {
        if (!q.TryGetValue(name, out var raw))
        {
            return null;
        }

        var text = raw.ToString();
        return TaskTime.TryParseFilter(name, text, out var bound)
            ? bound
            : throw new MeiliException(error,
                $"Invalid value in parameter `{name}`: `{text}` is an invalid date-time. It should follow the YYYY-MM-DD or RFC 3339 date-time format.");
    }

    private static long? Integer(IQueryCollection q, string name, ErrorCode error, long max)
    {
        if (!q.TryGetValue(name, out var raw))
        {
            return null;
        }

        var text = raw.ToString();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= max
            ? value
            : throw new MeiliException(error, $"Invalid value in parameter `{name}`: could not parse `{text}` as a positive integer");
    }

    private static bool Boolean(IQueryCollection q, string name, ErrorCode error)
    {
        if (!q.TryGetValue(name, out var raw))
        {
            return false;
        }

        var text = raw.ToString();
        return text switch
        {
            "true" => true,
            "false" => false,
            _ => throw new MeiliException(error, $"Invalid value in parameter `{name}`: could not parse `{text}` as a boolean, expected either `true` or `false`"),
        };
    }
}
