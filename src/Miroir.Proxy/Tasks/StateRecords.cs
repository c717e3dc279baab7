using System.Text.Json;
using Miroir.Meili.Auth;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Merging;

namespace Miroir.Proxy.Tasks;

/// <summary>
/// The record kinds of the orchestrator's state log (a JSON object each, kind in <c>"r"</c>):
/// <c>task</c> (a Miroir task and its node task mapping, written before the client gets 202; <c>idem</c>: the request's
/// <c>Idempotency-Key</c>; a write's task is first written as an intent, <c>pending</c> with the shards it
/// <c>touches</c>, before any node is sent anything), <c>taskNodes</c> (the node tasks attached to an intent after fan-out),
/// <c>done</c> (its final status), <c>deleted</c> (tasks removed by DELETE /tasks or pruning),
/// <c>index</c> (index metadata: primary key, S, client faceting and pagination, settings version and committed settings), <c>indexDeleted</c>,
/// <c>key</c> (an API key created, updated or deleted: the engine's <see cref="ApiKeyMutationJson"/> under <c>"m"</c>),
/// and in snapshots <c>taskSequence</c> (the last task uid handed out) after the header <c>snapshot</c>.
/// </summary>
internal static class StateRecords
{
    public static void WriteTask(Utf8JsonWriter w, MiroirTask t)
    {
        w.WriteStartObject();
        w.WriteString("r", "task");
        w.WriteNumber("uid", t.Uid);
        w.WriteStringOrNull("indexUid", t.IndexUid);
        w.WriteString("type", t.Type);
        w.WriteString("enqueuedAt", t.EnqueuedAt);
        w.WriteNumber("copies", t.Copies);
        WriteRaw(w, "details", t.Details);
        WriteNodes(w, t.NodeTasks);
        if (t.Pending)
        {
            w.WriteBoolean("pending", true);
        }

        if (t.Touches.Count > 0)
        {
            w.WriteStartArray("touches");
            foreach (var touched in t.Touches)
            {
                w.WriteStartObject();
                w.WriteString("node", touched.NodeId);
                w.WriteStartArray("shards");
                foreach (var shard in touched.Shards)
                {
                    w.WriteNumberValue(shard);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (t.CancelRequestedBy is { } by)
        {
            w.WriteNumber("cancelRequestedBy", by);
        }

        if (t.IdempotencyKey is { } key)
        {
            w.WriteString("idem", key);
        }

        w.WriteEndObject();
    }

    /// <summary>The node tasks (and the type they reported) attached to a task whose intent was recorded before fan-out.</summary>
    public static void WriteAttached(Utf8JsonWriter w, MiroirTask t)
    {
        w.WriteStartObject();
        w.WriteString("r", "taskNodes");
        w.WriteNumber("uid", t.Uid);
        w.WriteString("type", t.Type);
        WriteNodes(w, t.NodeTasks);
        w.WriteEndObject();
    }

    public static void ApplyAttached(JsonElement e, MiroirTask t)
    {
        t.Type = e.GetProperty("type").GetString()!;
        t.NodeTasks = ReadNodes(e);
        t.Pending = false;
    }

    public static void WriteDone(Utf8JsonWriter w, MiroirTask t)
    {
        w.WriteStartObject();
        w.WriteString("r", "done");
        w.WriteNumber("uid", t.Uid);
        w.WriteString("status", t.Status);
        w.WriteDateOrNull("startedAt", t.StartedAt);
        w.WriteDateOrNull("finishedAt", t.FinishedAt);
        if (t.CanceledBy is { } c)
        {
            w.WriteNumber("canceledBy", c);
        }

        WriteRaw(w, "details", t.Details);
        WriteRaw(w, "error", t.Error);
        w.WriteEndObject();
    }

    public static void WriteDeleted(Utf8JsonWriter w, IReadOnlyCollection<long> uids)
    {
        w.WriteStartObject();
        w.WriteString("r", "deleted");
        w.WriteStartArray("uids");
        foreach (var uid in uids)
        {
            w.WriteNumberValue(uid);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteTaskSequence(Utf8JsonWriter w, long lastUid)
    {
        w.WriteStartObject();
        w.WriteString("r", "taskSequence");
        w.WriteNumber("lastUid", lastUid);
        w.WriteEndObject();
    }

    public static void WriteIndex(Utf8JsonWriter w, IndexMeta index)
    {
        w.WriteStartObject();
        w.WriteString("r", "index");
        w.WriteString("uid", index.Uid);
        w.WriteStringOrNull("primaryKey", index.PrimaryKey);
        w.WriteNumber("shards", index.Shards);
        w.WriteNumber("maxValuesPerFacet", index.MaxValuesPerFacet);
        w.WriteNumber("maxTotalHits", index.MaxTotalHits);
        w.WriteNumber("settingsVersion", index.SettingsVersion);
        if (index.SortFacetValuesBy is { } orders)
        {
            w.WriteStartObject("sortFacetValuesBy");
            foreach (var (facet, order) in orders)
            {
                w.WriteString(facet, order == FacetValuesOrder.Count ? "count" : "alpha");
            }

            w.WriteEndObject();
        }

        if (index.CommittedSettings is { } settings)
        {
            // Re-written, not copied raw: a node may indent its JSON, and snapshot records are one per line.
            using var document = JsonDocument.Parse(settings);
            w.WritePropertyName("settings");
            document.RootElement.WriteTo(w);
        }

        w.WriteEndObject();
    }

    /// <summary>Written in a snapshot instead of <c>key</c> records when every key was deleted: the defaults are not seeded again.</summary>
    public const string KeysSeededKind = "keysSeeded";

    /// <summary>A record that is only its kind.</summary>
    public static void WriteKind(Utf8JsonWriter w, string kind)
    {
        w.WriteStartObject();
        w.WriteString("r", kind);
        w.WriteEndObject();
    }

    public static void WriteIndexDeleted(Utf8JsonWriter w, string uid)
    {
        w.WriteStartObject();
        w.WriteString("r", "indexDeleted");
        w.WriteString("uid", uid);
        w.WriteEndObject();
    }

    public static void WriteKey(Utf8JsonWriter w, ApiKeyMutation mutation)
    {
        w.WriteStartObject();
        w.WriteString("r", "key");
        w.WritePropertyName("m");
        ApiKeyMutationJson.Write(w, mutation);
        w.WriteEndObject();
    }

    public static ApiKeyMutation ReadKey(JsonElement e) => ApiKeyMutationJson.Read(JsonMarshalRaw(e.GetProperty("m")));

    public static MiroirTask ReadTask(JsonElement e)
    {
        var touches = e.TryGetProperty("touches", out var t)
            ? t.EnumerateArray().Select(n => new TouchedShards(n.GetProperty("node").GetString()!, [.. n.GetProperty("shards").EnumerateArray().Select(s => s.GetInt32())])).ToArray()
            : null;
        var task = new MiroirTask(
            e.GetProperty("uid").GetInt64(),
            e.GetProperty("indexUid").GetString(),
            e.GetProperty("type").GetString()!,
            e.GetProperty("enqueuedAt").GetDateTimeOffset(),
            Raw(e, "details"),
            e.GetProperty("copies").GetInt32(),
            ReadNodes(e),
            touches)
        {
            Pending = e.TryGetProperty("pending", out var pending) && pending.GetBoolean(),
            IdempotencyKey = e.TryGetProperty("idem", out var key) ? key.GetString() : null,
        };
        if (e.TryGetProperty("cancelRequestedBy", out var by))
        {
            task.CancelRequestedBy = by.GetInt64();
        }

        return task;
    }

    public static void ApplyDone(JsonElement e, MiroirTask t)
    {
        t.Status = e.GetProperty("status").GetString()!;
        t.StartedAt = Date(e, "startedAt");
        t.FinishedAt = Date(e, "finishedAt");
        t.CanceledBy = e.TryGetProperty("canceledBy", out var c) ? c.GetInt64() : null;
        t.Details = Raw(e, "details");
        t.Error = Raw(e, "error");
        t.Persisted = true;
    }

    public static IndexMeta ReadIndex(JsonElement e) => new(
        e.GetProperty("uid").GetString()!,
        e.GetProperty("primaryKey").GetString(),
        e.GetProperty("shards").GetInt32(),
        e.GetProperty("maxValuesPerFacet").GetInt32())
    {
        // Optional: records written before these fields existed keep Meilisearch's defaults.
        MaxTotalHits = e.TryGetProperty("maxTotalHits", out var m) ? m.GetInt32() : IndexMeta.DefaultMaxTotalHits,
        SettingsVersion = e.TryGetProperty("settingsVersion", out var v) ? v.GetInt64() : 0,
        SortFacetValuesBy = e.TryGetProperty("sortFacetValuesBy", out var orders)
            ? orders.EnumerateObject().ToDictionary(o => o.Name, o => o.Value.GetString() == "count" ? FacetValuesOrder.Count : FacetValuesOrder.Alpha, StringComparer.Ordinal)
            : null,
        CommittedSettings = e.TryGetProperty("settings", out var settings) ? settings.GetRawText() : null,
    };

    private static void WriteNodes(Utf8JsonWriter w, NodeTaskRef[] nodeTasks)
    {
        w.WriteStartArray("nodes");
        foreach (var r in nodeTasks)
        {
            w.WriteStartObject();
            w.WriteString("node", r.NodeId);
            w.WriteNumber("task", r.TaskUid);
            if (r.Auxiliary)
            {
                w.WriteBoolean("aux", true);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static NodeTaskRef[] ReadNodes(JsonElement e) =>
    [
        .. e.GetProperty("nodes").EnumerateArray()
            .Select(n => new NodeTaskRef(n.GetProperty("node").GetString()!, n.GetProperty("task").GetInt64(), n.TryGetProperty("aux", out var aux) && aux.GetBoolean())),
    ];

    private static void WriteRaw(Utf8JsonWriter w, string name, byte[]? json)
    {
        w.WritePropertyName(name);
        if (json is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteRawValue(json, skipInputValidation: true);
        }
    }

    private static byte[]? Raw(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? JsonMarshalRaw(v) : null;

    private static byte[] JsonMarshalRaw(JsonElement v) => System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(v).ToArray();

    private static DateTimeOffset? Date(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetDateTimeOffset() : null;
}
