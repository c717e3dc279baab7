using System.Buffers;
using System.Text.Json;

namespace Miroir.Engine.Tasks;

/// <summary>Builds the <c>details</c> object of each task type, before and after it runs.</summary>
internal static class TaskDetails
{
    public static byte[] Build(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] DocumentAddition(int received, int? indexed) => Build(w =>
    {
        w.WriteNumber("receivedDocuments", received);
        WriteCount(w, "indexedDocuments", indexed);
    });

    public static byte[] DocumentDeletionByIds(int provided, int? deleted) => Build(w =>
    {
        w.WriteNumber("providedIds", provided);
        WriteCount(w, "deletedDocuments", deleted);
    });

    /// <summary>Meilisearch keeps the filter as its JSON text (a string filter stays quoted).</summary>
    public static byte[] DocumentDeletionByFilter(string originalFilter, int? deleted) => Build(w =>
    {
        w.WriteNumber("providedIds", 0);
        w.WriteString("originalFilter", originalFilter);
        WriteCount(w, "deletedDocuments", deleted);
    });

    public static byte[] Deleted(int? deleted) => Build(w => WriteCount(w, "deletedDocuments", deleted));

    public static byte[] PrimaryKey(string? primaryKey) => Build(w =>
    {
        if (primaryKey is null)
        {
            w.WriteNull("primaryKey");
        }
        else
        {
            w.WriteString("primaryKey", primaryKey);
        }
    });

    public static byte[] TaskSelection(int matched, string countName, int? count, string originalFilter) => Build(w =>
    {
        w.WriteNumber("matchedTasks", matched);
        WriteCount(w, countName, count);
        w.WriteString("originalFilter", originalFilter);
    });

    /// <summary><c>{"swaps": [{"indexes": [a, b]}, ...]}</c>.</summary>
    public static byte[] Swaps(IEnumerable<(string A, string B)> pairs) => Build(w =>
    {
        w.WriteStartArray("swaps");
        foreach (var (a, b) in pairs)
        {
            w.WriteStartObject();
            w.WriteStartArray("indexes");
            w.WriteStringValue(a);
            w.WriteStringValue(b);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    /// <summary>Copies a details object with every null member set to 0 (counters of a failed task).</summary>
    public static byte[] ZeroNullCounters(byte[] details)
    {
        using var doc = JsonDocument.Parse(details);
        return Build(w =>
        {
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Null && p.Name is "indexedDocuments" or "deletedDocuments")
                {
                    w.WriteNumber(p.Name, 0);
                }
                else
                {
                    p.WriteTo(w);
                }
            }
        });
    }

    /// <summary>One string member of a details object (for example <c>originalFilter</c>).</summary>
    public static string? ReadString(byte[]? details, string name)
    {
        if (details is null)
        {
            return null;
        }
        using var doc = JsonDocument.Parse(details);
        return doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    private static void WriteCount(Utf8JsonWriter w, string name, int? count)
    {
        if (count is { } c)
        {
            w.WriteNumber(name, c);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
