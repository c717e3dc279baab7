using System.Text.Json;

namespace Miroir.Meili.Tasks;

/// <summary>
/// A Meilisearch 1.13 batch that carried exactly one task: <c>{uid, progress, details, stats {totalNbTasks, status,
/// types, indexUids}, duration, startedAt, finishedAt}</c>. Both the engine and the orchestrator batch one task at a time.
/// </summary>
public static class BatchOfOneJson
{
    public static void Write(Utf8JsonWriter w, long uid, byte[]? details, string status, string type, string? indexUid,
        DateTimeOffset? startedAt, DateTimeOffset? finishedAt)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteNumber("uid", uid);

        // Progress is only reported while a batch runs; a batch of one is read after the fact.
        w.WriteNull("progress");
        w.WritePropertyName("details");
        if (details is { Length: > 0 })
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
        w.WriteNumber(status, 1);
        w.WriteEndObject();
        w.WriteStartObject("types");
        w.WriteNumber(type, 1);
        w.WriteEndObject();
        w.WriteStartObject("indexUids");
        if (indexUid is not null)
        {
            w.WriteNumber(indexUid, 1);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        if (startedAt is { } s && finishedAt is { } f)
        {
            w.WriteString("duration", TaskTime.FormatDuration(f - s));
        }
        else
        {
            w.WriteNull("duration");
        }

        w.WriteString("startedAt", startedAt is { } started ? TaskTime.Format(started) : null);
        w.WriteString("finishedAt", finishedAt is { } finished ? TaskTime.Format(finished) : null);
        w.WriteEndObject();
    }
}
