namespace Miroir.Proxy.Tasks;

/// <summary>
/// One orchestrator task: a uid from Miroir's own sequence, mapped to the node tasks that carry it out.
/// Its status is an aggregate of theirs (see <see cref="TaskAggregator"/>); mutable fields are guarded by the instance.
/// </summary>
internal sealed class MiroirTask
{
    private bool _held;
    private Func<MiroirTask, Task<bool>>? _finisher;

    public MiroirTask(long uid, string? indexUid, string type, DateTimeOffset enqueuedAt, byte[]? details, int copies, NodeTaskRef[] nodeTasks, IReadOnlyList<TouchedShards>? touches = null)
    {
        Touches = touches ?? [];
        Uid = uid;
        IndexUid = indexUid;
        Type = type;
        EnqueuedAt = enqueuedAt;
        Details = details;
        Copies = copies;
        NodeTasks = nodeTasks;
    }

    public long Uid { get; }

    public string? IndexUid { get; }

    /// <summary>The task type; a broadcast learns it from the first node's answer, so it is set again when node tasks are attached.</summary>
    public string Type { get; set; }

    public DateTimeOffset EnqueuedAt { get; }

    /// <summary>Details as the client sees them (raw JSON object); replaced by the final details on completion.</summary>
    public byte[]? Details { get; set; }

    /// <summary>Copies of each document in the cluster (RG × RF) when node counts must be divided to count once; 0 otherwise.</summary>
    public int Copies { get; }

    /// <summary>The node tasks carrying it out; empty while <see cref="Pending"/>.</summary>
    public NodeTaskRef[] NodeTasks { get; set; }

    /// <summary>The shards of the index each node was sent (or, for a broadcast, owns): what a crash may have left half-written.</summary>
    public IReadOnlyList<TouchedShards> Touches { get; }

    /// <summary>
    /// True from the intent record (written before any node is touched) until the node tasks are attached. A task
    /// still pending after a restart was interrupted mid fan-out (see <see cref="TaskStore.Interrupted"/>).
    /// </summary>
    public bool Pending { get; set; }

    /// <summary>The <c>Idempotency-Key</c> of the request that registered this task (see <see cref="TaskOrigin"/>).</summary>
    public string? IdempotencyKey { get; init; }

    public string Status { get; set; } = TaskStatusNames.Enqueued;

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public byte[]? Error { get; set; }

    public long? CanceledBy { get; set; }

    /// <summary>Set by a cancelation task that targeted this one; becomes <see cref="CanceledBy"/> if it ends canceled.</summary>
    public long? CancelRequestedBy { get; set; }

    public bool IsFinished => TaskStatusNames.IsFinished(Status);

    /// <summary>
    /// Set while orchestrator-side work must finish before the task may (a settings change being verified):
    /// the task stays <c>processing</c> even when every node task is done.
    /// </summary>
    public bool Held
    {
        get => Volatile.Read(ref _held);
        set => Volatile.Write(ref _held, value);
    }

    /// <summary>
    /// Orchestrator-side work that runs once every node task finished and before the task may finish (task deletion,
    /// cancelation counts, swapped index metadata); it answers false while it must wait and is asked again every
    /// polling round. Not durable: a task still unfinished at a restart finishes without it.
    /// </summary>
    public Func<MiroirTask, Task<bool>>? Finisher
    {
        get => Volatile.Read(ref _finisher);
        set => Volatile.Write(ref _finisher, value);
    }

    /// <summary>An orchestrator-side failure (raw error object) that fails the task once it is released.</summary>
    public byte[]? OrchestratorError { get; set; }

    /// <summary>True once the completion record is in the state log (never polled again).</summary>
    public bool Persisted { get; set; }
}
