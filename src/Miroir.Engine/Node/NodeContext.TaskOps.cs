using System.Text.Json;
using Miroir.Engine.Tasks;

namespace Miroir.Engine.Node;

/// <summary>Executors of task cancelation and task deletion.</summary>
internal sealed partial class NodeContext
{
    /// <summary>Cancels the matched tasks that are still enqueued; the uids go to <paramref name="affected"/>.</summary>
    private byte[] CancelTasks(EngineTask task, TaskPayload payload, DateTimeOffset now, List<long> affected)
    {
        var matched = ParseUids(payload.Data);
        foreach (var uid in matched)
        {
            if (Tasks.TryGet(uid, out var t) && t.Status == EngineTaskStatus.Enqueued)
            {
                Tasks.Update(t, x =>
                {
                    x.Status = EngineTaskStatus.Canceled;
                    x.CanceledBy = task.Uid;
                    x.FinishedAt = now;
                    x.Payload = null;
                });
                affected.Add(uid);
            }
        }
        return TaskDetails.TaskSelection(matched.Count, "canceledTasks", affected.Count,
            TaskDetails.ReadString(task.Details, "originalFilter") ?? "");
    }

    /// <summary>Deletes the matched tasks that have finished; the uids go to <paramref name="affected"/>.</summary>
    private byte[] DeleteTasks(EngineTask task, TaskPayload payload, List<long> affected)
    {
        var matched = ParseUids(payload.Data);
        foreach (var uid in matched)
        {
            if (Tasks.TryGet(uid, out var t) && t.Status.IsFinished())
            {
                affected.Add(uid);
            }
        }
        return TaskDetails.TaskSelection(matched.Count, "deletedTasks", affected.Count,
            TaskDetails.ReadString(task.Details, "originalFilter") ?? "");
    }

    /// <summary>Re-applies a cancelation or deletion from the uids its finish record lists.</summary>
    private void ReplayTaskOps(EngineTask task, List<long> affected)
    {
        if (task.Kind == TaskKind.TaskDeletion)
        {
            Tasks.Remove(affected);
            return;
        }
        foreach (var uid in affected)
        {
            if (Tasks.TryGet(uid, out var t))
            {
                Tasks.Update(t, x =>
                {
                    x.Status = EngineTaskStatus.Canceled;
                    x.CanceledBy = task.Uid;
                    x.FinishedAt = task.FinishedAt;
                    x.Payload = null;
                });
            }
        }
    }

    private static List<long> ParseUids(ReadOnlyMemory<byte> data)
    {
        using var doc = JsonDocument.Parse(data);
        return [.. doc.RootElement.EnumerateArray().Select(e => e.GetInt64())];
    }
}
