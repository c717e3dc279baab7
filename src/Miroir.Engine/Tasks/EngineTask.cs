namespace Miroir.Engine.Tasks;

/// <summary>
/// One task: its public record (what <c>GET /tasks</c> shows) plus the payload the executor
/// needs. Fields other than the payload change only under the <see cref="TaskStore"/> lock.
/// </summary>
internal sealed class EngineTask
{
    public required long Uid { get; init; }

    public required TaskKind Kind { get; init; }

    public string? IndexUid { get; init; }

    public required DateTimeOffset EnqueuedAt { get; init; }

    public EngineTaskStatus Status { get; set; } = EngineTaskStatus.Enqueued;

    public long? BatchUid { get; set; }

    public long? CanceledBy { get; set; }

    /// <summary>The <c>details</c> object as UTF-8 JSON, or null when the type has none.</summary>
    public byte[]? Details { get; set; }

    public TaskError? Error { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>What the executor needs to run the task; dropped once the task has finished.</summary>
    public TaskPayload? Payload { get; set; }
}
