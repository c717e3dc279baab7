using Miroir.Meili.Errors;
using Miroir.Engine.Tasks;

namespace Miroir.Engine.Node;

/// <summary>The executor loop: runs the next task, records its outcome, then makes it visible.</summary>
internal sealed partial class NodeContext
{
    private async ValueTask<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        if (Tasks.NextReady() is not { } task)
        {
            // Idle (also right after start-up): the moment to snapshot a long replayed or ingested log.
            await MaybeSnapshotAsync().ConfigureAwait(false);
            return false;
        }
        var startedAt = Time.GetUtcNow();
        var batchUid = _nextBatchUid++;
        Tasks.Update(task, t =>
        {
            t.Status = EngineTaskStatus.Processing;
            t.StartedAt = startedAt;
            t.BatchUid = batchUid;
        });
        var affected = new List<long>();
        var outcome = new EngineTask { Uid = task.Uid, Kind = task.Kind, IndexUid = task.IndexUid, EnqueuedAt = task.EnqueuedAt, BatchUid = batchUid, StartedAt = startedAt };
        try
        {
            outcome.Details = Execute(task, startedAt, affected, replay: false);
            outcome.Status = EngineTaskStatus.Succeeded;
        }
        catch (MeiliException e)
        {
            outcome.Status = EngineTaskStatus.Failed;
            outcome.Error = TaskError.From(e);
            outcome.Details = FailedDetails(task);
        }
#pragma warning disable CA1031 // A task must fail, never kill the executor.
        catch (Exception e)
#pragma warning restore CA1031
        {
            outcome.Status = EngineTaskStatus.Failed;
            outcome.Error = TaskError.From(ErrorCode.Internal, e.Message);
            outcome.Details = FailedDetails(task);
        }
        outcome.FinishedAt = Time.GetUtcNow();
        // Durable before visible: a client never sees "succeeded" for an outcome a crash could lose.
        NoteDurable(await Log.AppendAsync(NodeRecords.TaskFinished(outcome, affected), CancellationToken.None).ConfigureAwait(false));
        // Deleted tasks go before the deletion shows as finished: a client that saw it succeed never finds them.
        if (task.Kind == TaskKind.TaskDeletion)
        {
            Tasks.Remove(affected);
        }

        Tasks.Update(task, t =>
        {
            t.Status = outcome.Status;
            t.Details = outcome.Details ?? t.Details;
            t.Error = outcome.Error;
            t.FinishedAt = outcome.FinishedAt;
            t.Payload = null;
        });
        await MaybeSnapshotAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Applies one task's effects and returns its final details. Also used by recovery to
    /// re-apply succeeded tasks, with <paramref name="now"/> taken from the log.
    /// </summary>
    private byte[]? Execute(EngineTask task, DateTimeOffset now, List<long> affected, bool replay)
    {
        var payload = task.Payload ?? TaskPayload.Empty;
        return task.Kind switch
        {
            TaskKind.IndexCreation => CreateIndex(task.IndexUid!, payload.PrimaryKey, now),
            TaskKind.IndexUpdate => UpdateIndex(task.IndexUid!, payload.PrimaryKey, now),
            TaskKind.IndexDeletion => DeleteIndex(task.IndexUid!),
            TaskKind.IndexSwap => SwapIndexes(payload, now),
            TaskKind.DocumentAdditionOrUpdate => AddDocuments(task.IndexUid!, payload, now),
            TaskKind.DocumentDeletion => DeleteDocuments(task.IndexUid!, payload, now),
            TaskKind.SettingsUpdate => UpdateSettings(task.IndexUid!, payload, now),
            TaskKind.TaskCancelation => replay ? task.Details : CancelTasks(task, payload, now, affected),
            TaskKind.TaskDeletion => replay ? task.Details : DeleteTasks(task, payload, affected),
            _ => throw new MeiliException(ErrorCode.Internal, $"Task type `{task.Kind.Name()}` is not supported by this node."),
        };
    }

    /// <summary>A failed task keeps its enqueue-time details with the null counters set to zero, as Meilisearch shows.</summary>
    private static byte[]? FailedDetails(EngineTask task) =>
        task.Details is { } details ? TaskDetails.ZeroNullCounters(details) : null;
}
