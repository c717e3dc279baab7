namespace Miroir.Proxy.Tasks;

/// <summary>
/// Folds node task states into the Miroir task (spec §6): enqueued until a node started, processing while
/// any node is not finished, failed if any failed (with that node's error), canceled if any was canceled,
/// succeeded only when every node task succeeded. Node tasks given up on (their node died, see
/// <see cref="DeadNodeTasks"/>) count as neither.
/// </summary>
internal static class TaskAggregator
{
    /// <summary>Recomputes the task; true when this call moved it to a finished status.</summary>
    public static bool Recompute(MiroirTask task, DateTimeOffset now)
    {
        lock (task)
        {
            if (task.IsFinished)
            {
                return false;
            }

            var refs = task.NodeTasks;
            if (refs.Length == 0)
            {
                // Orchestrator-local work: done once its finisher ran (a task deletion), or when registered (a refused batch).
                if (task.Finisher is not null)
                {
                    return false;
                }

                task.StartedAt = now;
                task.Error = task.OrchestratorError;
                Finish(task, task.Error is null ? TaskStatusNames.Succeeded : TaskStatusNames.Failed, now);
                return true;
            }

            DateTimeOffset? started = null;
            DateTimeOffset? finished = null;
            var allFinished = true;
            var anyStarted = false;
            NodeTaskRef? failed = null;
            var canceled = false;
            foreach (var r in refs)
            {
                if (r.GivenUp)
                {
                    continue; // its node is dead: owed as a hint, it no longer holds the task back
                }

                if (r.Status != TaskStatusNames.Enqueued)
                {
                    anyStarted = true;
                }

                if (r.StartedAt is { } s && (started is null || s < started))
                {
                    started = s;
                }

                if (!r.IsFinished)
                {
                    allFinished = false;
                    continue;
                }

                if (r.FinishedAt is { } f && (finished is null || f > finished))
                {
                    finished = f;
                }

                failed ??= r.Status == TaskStatusNames.Failed ? r : null;
                canceled |= r.Status == TaskStatusNames.Canceled;
            }

            // Node clocks and the moment Miroir registered the task differ slightly; keep enqueued <= started <= finished.
            started = Max(started, task.EnqueuedAt);
            finished = Max(finished, started);
            task.StartedAt = started ?? (anyStarted ? now : null);
            if (!allFinished || task.Held || task.Finisher is not null)
            {
                task.Status = anyStarted || allFinished ? TaskStatusNames.Processing : TaskStatusNames.Enqueued;
                return false;
            }

            task.StartedAt ??= finished ?? now;
            if (task.OrchestratorError is { } error && failed is null)
            {
                task.Error = error;
                Finish(task, TaskStatusNames.Failed, Max(now, finished) ?? now);
            }
            else if (failed is not null)
            {
                task.Error = failed.Error;
                Finish(task, TaskStatusNames.Failed, finished ?? now);
            }
            else if (canceled)
            {
                task.CanceledBy = task.CancelRequestedBy;
                Finish(task, TaskStatusNames.Canceled, finished ?? now);
            }
            else
            {
                Finish(task, TaskStatusNames.Succeeded, finished ?? now);
            }

            return true;
        }
    }

    private static DateTimeOffset? Max(DateTimeOffset? value, DateTimeOffset? floor) =>
        value is { } v && floor is { } f && v < f ? f : value;

    private static void Finish(MiroirTask task, string status, DateTimeOffset finishedAt)
    {
        task.Status = status;
        task.FinishedAt = finishedAt;
        task.Details = TaskDetails.Final(task);
    }
}
