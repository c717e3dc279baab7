using Microsoft.AspNetCore.Http;
using Miroir.Engine.Tasks;
using Miroir.Meili.Tasks;

namespace Miroir.Engine.Http;

/// <summary>The task filters of <c>/tasks</c>, <c>/tasks/cancel</c>, <c>DELETE /tasks</c> and <c>/batches</c> (<see cref="TaskFilterQuery"/>) over the node's task kinds.</summary>
internal static class TaskQuery
{
    public const string FilterNames =
        "`uids`, `indexUids`, `statuses`, `types`, `canceledBy`, `beforeEnqueuedAt`, `afterEnqueuedAt`, `beforeStartedAt`, `afterStartedAt`, `beforeFinishedAt`, `afterFinishedAt`";

    /// <summary>Parses the filters; <paramref name="paging"/> also allows <c>limit</c>, <c>from</c> and <c>reverse</c>.</summary>
    public static (TaskFilter Filter, TaskFilterQuery Query) Parse(HttpContext ctx, bool paging)
    {
        var q = TaskFilterQuery.Parse(ctx.Request, paging);
        var filter = new TaskFilter
        {
            OriginalQuery = q.OriginalQuery,
            HasAny = q.HasAny,
            Uids = q.Uids,
            BatchUids = q.BatchUids,
            CanceledBy = q.CanceledBy,
            IndexUids = q.IndexUids,
            Statuses = q.Statuses?.Select(s => EngineTaskStatusNames.TryParse(s, out var status) ? status : default).ToHashSet(),
            // A type this node never creates (export, ...) is a valid filter that matches nothing.
            Types = q.Types?.Select(t => TaskKindNames.TryParse(t, out var kind) ? kind : default).ToHashSet(),
            BeforeEnqueuedAt = q.BeforeEnqueuedAt,
            AfterEnqueuedAt = q.AfterEnqueuedAt,
            BeforeStartedAt = q.BeforeStartedAt,
            AfterStartedAt = q.AfterStartedAt,
            BeforeFinishedAt = q.BeforeFinishedAt,
            AfterFinishedAt = q.AfterFinishedAt,
        };
        return (filter, q);
    }
}
