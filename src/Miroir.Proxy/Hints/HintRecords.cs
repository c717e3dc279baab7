using System.Text.Json;

namespace Miroir.Proxy.Hints;

/// <summary>
/// The state-log records of repair hints: <c>hint</c> (a node missed writes to some shards of an index, at sequence
/// <c>seq</c>), <c>hintCleared</c> (those shards were repaired from a pass that began after sequence <c>through</c>)
/// and <c>hintsDropped</c> (every hint of a deleted index or a removed node).
/// </summary>
internal static class HintRecords
{
    public const string Hint = "hint";
    public const string Cleared = "hintCleared";
    public const string Dropped = "hintsDropped";

    public static void WriteHint(Utf8JsonWriter w, HintBatch batch) => Write(w, Hint, "seq", batch);

    public static void WriteCleared(Utf8JsonWriter w, HintBatch batch) => Write(w, Cleared, "through", batch);

    public static void WriteDropped(Utf8JsonWriter w, (string? NodeId, string? IndexUid) scope)
    {
        w.WriteStartObject();
        w.WriteString("r", Dropped);
        if (scope.NodeId is { } node)
        {
            w.WriteString("node", node);
        }

        if (scope.IndexUid is { } index)
        {
            w.WriteString("index", index);
        }

        w.WriteEndObject();
    }

    public static HintBatch ReadBatch(JsonElement e, string sequenceName) => new(
        e.GetProperty("node").GetString()!,
        e.GetProperty("index").GetString()!,
        [.. e.GetProperty("shards").EnumerateArray().Select(s => s.GetInt32())],
        e.GetProperty(sequenceName).GetInt64());

    public static (string? NodeId, string? IndexUid) ReadDropped(JsonElement e) => (
        e.TryGetProperty("node", out var node) ? node.GetString() : null,
        e.TryGetProperty("index", out var index) ? index.GetString() : null);

    private static void Write(Utf8JsonWriter w, string kind, string sequenceName, HintBatch batch)
    {
        w.WriteStartObject();
        w.WriteString("r", kind);
        w.WriteString("node", batch.NodeId);
        w.WriteString("index", batch.IndexUid);
        w.WriteStartArray("shards");
        foreach (var shard in batch.Shards)
        {
            w.WriteNumberValue(shard);
        }

        w.WriteEndArray();
        w.WriteNumber(sequenceName, batch.Sequence);
        w.WriteEndObject();
    }
}
