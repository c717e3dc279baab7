using System.Text.Json;
using Miroir.Meili.Tasks;

namespace Miroir.Engine.Tasks;

/// <summary>Writes tasks in Meilisearch's two shapes: the full task and the 202 summary.</summary>
internal static class TaskJson
{
    /// <summary><c>{taskUid, indexUid, status, type, enqueuedAt}</c>, the answer to every write.</summary>
    public static void WriteSummary(Utf8JsonWriter w, EngineTask t)
    {
        w.WriteStartObject();
        w.WriteNumber("taskUid", t.Uid);
        WriteNullableString(w, "indexUid", t.IndexUid);
        // The answer describes the enqueue itself: the executor may already have picked the
        // task up by the time this is written, but Meilisearch always answers "enqueued".
        w.WriteString("status", "enqueued");
        w.WriteString("type", t.Kind.Name());
        w.WriteString("enqueuedAt", TaskTime.Format(t.EnqueuedAt));
        w.WriteEndObject();
    }

    /// <summary>The full task object of <c>GET /tasks</c>.</summary>
    public static void WriteTask(Utf8JsonWriter w, EngineTask t)
    {
        w.WriteStartObject();
        w.WriteNumber("uid", t.Uid);
        WriteNullableNumber(w, "batchUid", t.BatchUid);
        WriteNullableString(w, "indexUid", t.IndexUid);
        w.WriteString("status", t.Status.Name());
        w.WriteString("type", t.Kind.Name());
        WriteNullableNumber(w, "canceledBy", t.CanceledBy);
        if (t.Details is { Length: > 0 } details)
        {
            w.WritePropertyName("details");
            w.WriteRawValue(details, skipInputValidation: true);
        }
        w.WritePropertyName("error");
        if (t.Error is { } e)
        {
            WriteError(w, e);
        }
        else
        {
            w.WriteNullValue();
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
        WriteNullableTime(w, "startedAt", t.StartedAt);
        WriteNullableTime(w, "finishedAt", t.FinishedAt);
        w.WriteEndObject();
    }

    public static void WriteError(Utf8JsonWriter w, TaskError e)
    {
        w.WriteStartObject();
        w.WriteString("message", e.Message);
        w.WriteString("code", e.Code);
        w.WriteString("type", e.Type);
        w.WriteString("link", e.Link);
        w.WriteEndObject();
    }

    private static void WriteNullableTime(Utf8JsonWriter w, string name, DateTimeOffset? value)
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

    private static void WriteNullableNumber(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
