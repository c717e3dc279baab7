using Microsoft.AspNetCore.Http;
using Miroir.Meili.Tasks;

namespace Miroir.Proxy.Tasks;

/// <summary>Meilisearch's task filters (<see cref="TaskFilterQuery"/>, parsed as the node parses them) over Miroir tasks.</summary>
internal sealed class TaskQuery
{
    private readonly TaskFilterQuery _q;

    private TaskQuery(TaskFilterQuery q) => _q = q;

    /// <summary>True when at least one filter was given (cancel and delete require one).</summary>
    public bool HasFilter => _q.HasAny;

    public int Limit => _q.Limit;

    public long? From => _q.From;

    public bool Reverse => _q.Reverse;

    /// <summary>The query string as received, for <c>details.originalFilter</c>.</summary>
    public string OriginalFilter => _q.OriginalQuery;

    public static TaskQuery Parse(HttpContext ctx, bool paging) => new(TaskFilterQuery.Parse(ctx.Request, paging));

    public bool Matches(MiroirTask t)
    {
        lock (t)
        {
            return (_q.Uids is null || _q.Uids.Contains(t.Uid))
                && (_q.BatchUids is null || t.Status != TaskStatusNames.Enqueued && _q.BatchUids.Contains(t.Uid))
                && (_q.CanceledBy is null || t.CanceledBy is { } c && _q.CanceledBy.Contains(c))
                && (_q.Statuses is null || _q.Statuses.Contains(t.Status))
                && (_q.Types is null || _q.Types.Contains(t.Type))
                && (_q.IndexUids is null || t.IndexUid is not null && _q.IndexUids.Contains(t.IndexUid))
                && TaskFilterQuery.InRange(t.EnqueuedAt, _q.BeforeEnqueuedAt, _q.AfterEnqueuedAt)
                && TaskFilterQuery.InRange(t.StartedAt, _q.BeforeStartedAt, _q.AfterStartedAt)
                && TaskFilterQuery.InRange(t.FinishedAt, _q.BeforeFinishedAt, _q.AfterFinishedAt);
        }
    }

    /// <summary>
    /// Whether an unfinished task could match once it finished: only the filters that cannot change
    /// (uids, types, indexes, enqueued dates) are checked. A task deletion waits for such earlier tasks.
    /// </summary>
    public bool MayMatchOnceFinished(MiroirTask t) =>
        (_q.Uids is null || _q.Uids.Contains(t.Uid))
        && (_q.Types is null || _q.Types.Contains(t.Type))
        && (_q.IndexUids is null || t.IndexUid is not null && _q.IndexUids.Contains(t.IndexUid))
        && TaskFilterQuery.InRange(t.EnqueuedAt, _q.BeforeEnqueuedAt, _q.AfterEnqueuedAt)
        && (_q.Statuses is null || _q.Statuses.Any(TaskNames.IsFinished));
}
