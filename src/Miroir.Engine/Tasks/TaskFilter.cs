using Miroir.Meili.Tasks;
namespace Miroir.Engine.Tasks;

/// <summary>
/// The task selection shared by <c>GET /tasks</c>, <c>POST /tasks/cancel</c> and
/// <c>DELETE /tasks</c>; a null list means "any".
/// </summary>
internal sealed class TaskFilter
{
    public IReadOnlySet<long>? Uids { get; set; }

    public IReadOnlySet<long>? BatchUids { get; set; }

    public IReadOnlySet<EngineTaskStatus>? Statuses { get; set; }

    public IReadOnlySet<TaskKind>? Types { get; set; }

    public IReadOnlySet<string>? IndexUids { get; set; }

    public IReadOnlySet<long>? CanceledBy { get; set; }

    public DateTimeOffset? BeforeEnqueuedAt { get; set; }

    public DateTimeOffset? AfterEnqueuedAt { get; set; }

    public DateTimeOffset? BeforeStartedAt { get; set; }

    public DateTimeOffset? AfterStartedAt { get; set; }

    public DateTimeOffset? BeforeFinishedAt { get; set; }

    public DateTimeOffset? AfterFinishedAt { get; set; }

    /// <summary>True when at least one filter was given (cancel and delete require one).</summary>
    public bool HasAny { get; set; }

    /// <summary>The query string as received, for <c>details.originalFilter</c>.</summary>
    public string OriginalQuery { get; set; } = "";

    /// <summary>Restricts the visible indexes (API key index patterns); null means all.</summary>
    public Func<string, bool>? IndexVisible { get; set; }

    public bool Matches(EngineTask t)
    {
        if (Uids is not null && !Uids.Contains(t.Uid)
            || BatchUids is not null && (t.BatchUid is not { } b || !BatchUids.Contains(b))
            || Statuses is not null && !Statuses.Contains(t.Status)
            || Types is not null && !Types.Contains(t.Kind)
            || CanceledBy is not null && (t.CanceledBy is not { } c || !CanceledBy.Contains(c)))
        {
            return false;
        }
        if (IndexUids is not null && (t.IndexUid is null || !IndexUids.Contains(t.IndexUid)))
        {
            return false;
        }
        if (IndexVisible is not null && t.IndexUid is not null && !IndexVisible(t.IndexUid))
        {
            return false;
        }
        return TaskFilterQuery.InRange(t.EnqueuedAt, BeforeEnqueuedAt, AfterEnqueuedAt)
            && TaskFilterQuery.InRange(t.StartedAt, BeforeStartedAt, AfterStartedAt)
            && TaskFilterQuery.InRange(t.FinishedAt, BeforeFinishedAt, AfterFinishedAt);
    }
}
