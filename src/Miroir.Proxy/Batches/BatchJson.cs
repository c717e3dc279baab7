using System.Text.Json;
using Miroir.Meili.Tasks;
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

    public static void WriteBatch(Utf8JsonWriter w, MiroirTask t)
    {
        lock (t)
        {
            // A task that failed before it started still shows a start: the batch ran, if only to fail.
            BatchOfOneJson.Write(w, t.Uid, t.Details, t.Status, t.Type, t.IndexUid, t.StartedAt ?? t.FinishedAt, t.FinishedAt);
        }
    }
}
