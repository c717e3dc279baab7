using System.Globalization;
using System.Text.Json;
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
        w.WriteString("enqueuedAt", Date(t.EnqueuedAt));
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
                w.WriteString("duration", Duration(f - s));
            }
            else
            {
                w.WriteNull("duration");
            }

            w.WriteString("enqueuedAt", Date(t.EnqueuedAt));
            WriteDate(w, "startedAt", t.StartedAt);
            WriteDate(w, "finishedAt", t.FinishedAt);
            w.WriteEndObject();
        }
    }

    /// <summary>RFC 3339 in UTC with a Z, like Meilisearch.</summary>
    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 duration (<c>PT0.012S</c>).</summary>
    public static string Duration(TimeSpan span) =>
        "PT" + Math.Max(0, span.TotalSeconds).ToString("0.#########", CultureInfo.InvariantCulture) + "S";

    /// <summary>A task or batch date in Meilisearch's format, or null.</summary>
    public static void WriteDate(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, Date(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
