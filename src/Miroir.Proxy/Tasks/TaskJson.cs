using System.Text.Json;
using Miroir.Meili.Tasks;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Tasks;

/// <summary>Writes Miroir tasks exactly in Meilisearch's shapes: the task object and the 202 summary.</summary>
internal static class TaskJson
{
    /// <summary>The 202 body of a write: <c>taskUid, indexUid, status, type, enqueuedAt</c>.</summary>
    public static void WriteSummary(Utf8JsonWriter w, MiroirTask t)
    {
        w.WriteStartObject();
        w.WriteNumber("taskUid", t.Uid);
        w.WriteStringOrNull("indexUid", t.IndexUid);
        w.WriteString("status", TaskStatusNames.Enqueued);
        w.WriteString("type", t.Type);
        w.WriteString("enqueuedAt", TaskTime.Format(t.EnqueuedAt));
        w.WriteEndObject();
    }

    /// <summary>The task object of <c>GET /tasks/{uid}</c> and <c>GET /tasks</c>.</summary>
    public static void WriteTask(Utf8JsonWriter w, MiroirTask t)
    {
        lock (t)
        {
            w.WriteStartObject();
            w.WriteNumber("uid", t.Uid);
            if (t.Status == TaskStatusNames.Enqueued)
            {
                w.WriteNull("batchUid");
            }
            else
            {
                // Miroir does not batch its own tasks: each is its own batch.
                w.WriteNumber("batchUid", t.Uid);
            }

            w.WriteStringOrNull("indexUid", t.IndexUid);
            w.WriteString("status", t.Status);
            w.WriteString("type", t.Type);
            if (t.CanceledBy is { } c)
            {
                w.WriteNumber("canceledBy", c);
            }
            else
            {
                w.WriteNull("canceledBy");
            }

            if (t.Details is not null)
            {
                w.WritePropertyName("details");
                w.WriteRawValue(t.Details, skipInputValidation: true);
            }

            w.WritePropertyName("error");
            if (t.Error is null)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteRawValue(t.Error, skipInputValidation: true);
            }

            if (t.StartedAt is { } s && t.FinishedAt is { } f)
            {
                w.WriteString("duration", TaskTime.FormatDuration(f - s));
            }
            else
            {
                w.WriteNull("duration");
            }

            w.WriteString("enqueuedAt", TaskTime.Format(t.EnqueuedAt));
            WriteDate(w, "startedAt", t.StartedAt);
            WriteDate(w, "finishedAt", t.FinishedAt);
            w.WriteEndObject();
        }
    }

    /// <summary>A task or batch date in Meilisearch's format, or null.</summary>
    public static void WriteDate(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, TaskTime.Format(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
