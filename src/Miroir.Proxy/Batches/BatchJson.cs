using System.Text.Json;
using Miroir.Engine.Tasks;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Batches;

/// <summary>
/// Writes a Miroir task as the Meilisearch 1.13 batch that carried it: the orchestrator does not group its
/// own tasks, so each started task is a batch of one with the task's uid (see <c>batchUid</c> in <see cref="TaskJson"/>).
/// </summary>
internal static class BatchJson
{
    /// <summary>Tasks that have a batch: every task past <c>enqueued</c>.</summary>
    public static bool HasBatch(MiroirTask t)
    {
        lock (t)
        {
            return t.Status != TaskStatusNames.Enqueued;
        }
    }

    /// <summary><c>{uid, progress, details, stats {totalNbTasks, status, types, indexUids}, duration, startedAt, finishedAt}</c>.</summary>
    public static void WriteBatch(Utf8JsonWriter w, MiroirTask t)
    {
        lock (t)
        {
            w.WriteStartObject();
            w.WriteNumber("uid", t.Uid);

            // The nodes' own batches hold the progress; the orchestrator has no steps of its own to report.
            w.WriteNull("progress");
            w.WritePropertyName("details");
            if (t.Details is { Length: > 0 } details)
            {
                w.WriteRawValue(details, skipInputValidation: true);
            }
            else
            {
                w.WriteStartObject();
                w.WriteEndObject();
            }

            w.WriteStartObject("stats");
            w.WriteNumber("totalNbTasks", 1);
            w.WriteStartObject("status");
            w.WriteNumber(t.Status, 1);
            w.WriteEndObject();
            w.WriteStartObject("types");
            w.WriteNumber(t.Type, 1);
            w.WriteEndObject();
            w.WriteStartObject("indexUids");
            if (t.IndexUid is not null)
            {
                w.WriteNumber(t.IndexUid, 1);
            }

            w.WriteEndObject();
            w.WriteEndObject();
            if (t.StartedAt is { } s && t.FinishedAt is { } f)
            {
                w.WriteString("duration", TaskTime.FormatDuration(f - s));
            }
            else
            {
                w.WriteNull("duration");
            }

            TaskJson.WriteDate(w, "startedAt", t.StartedAt ?? t.FinishedAt);
            TaskJson.WriteDate(w, "finishedAt", t.FinishedAt);
            w.WriteEndObject();
        }
    }
}
