using System.Text.Json;

namespace Miroir.Proxy.Idempotency;

/// <summary>
/// The state log record of an <c>Idempotency-Key</c>, kind <c>idem</c>, in one of three states:
/// <c>{"r":"idem","key":…,"state":"pending","hash":base64,"exp":unix ms}</c> (appended before the request runs),
/// <c>{…,"state":"done","hash":…,"exp":…,"status":202,"body":base64}</c> (before the answer is sent) and
/// <c>{"r":"idem","key":…,"state":"released"}</c> (the request failed: the key is free again).
/// </summary>
internal static class IdempotencyRecords
{
    public const string Kind = "idem";

    public static void WritePending(Utf8JsonWriter w, IdempotencyEntry e) => Write(w, e, "pending");

    public static void WriteDone(Utf8JsonWriter w, IdempotencyEntry e) => Write(w, e, "done");

    public static void WriteReleased(Utf8JsonWriter w, IdempotencyEntry e)
    {
        w.WriteStartObject();
        w.WriteString("r", Kind);
        w.WriteString("key", e.Key);
        w.WriteString("state", "released");
        w.WriteEndObject();
    }

    /// <summary>The entry a replayed record describes; null for a release.</summary>
    public static IdempotencyEntry? Read(JsonElement record)
    {
        if (record.GetProperty("state").GetString() == "released")
        {
            return null;
        }

        var entry = new IdempotencyEntry(record.GetProperty("key").GetString()!, record.GetProperty("hash").GetBytesFromBase64(),
            DateTimeOffset.FromUnixTimeMilliseconds(record.GetProperty("exp").GetInt64()), ownedHere: false);
        if (record.TryGetProperty("status", out var status))
        {
            entry.Answer(status.GetInt32(), record.GetProperty("body").GetBytesFromBase64());
        }

        return entry;
    }

    private static void Write(Utf8JsonWriter w, IdempotencyEntry e, string state)
    {
        w.WriteStartObject();
        w.WriteString("r", Kind);
        w.WriteString("key", e.Key);
        w.WriteString("state", state);
        w.WriteBase64String("hash", e.Hash);
        w.WriteNumber("exp", e.ExpiresAt.ToUnixTimeMilliseconds());
        if (!e.IsPending)
        {
            w.WriteNumber("status", e.Status);
            w.WriteBase64String("body", e.Body);
        }

        w.WriteEndObject();
    }
}
