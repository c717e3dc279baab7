using System.Text.Json;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>
/// The <c>tombstone</c> state record: <c>{"r":"tombstone","index":uid,"at":ms,"ids":[...]}</c> for deletes by id
/// (a whole batch in one record), <c>"filter":&lt;raw JSON filter&gt;</c> for a delete by filter, <c>"all":true</c>
/// for a delete-all. Snapshots write the live ones again in the same shape. <c>{"r":"tombstonesForgotten","index":uid}</c>
/// drops every tombstone of an index whose uid now names other documents (an index swap).
/// </summary>
internal static class TombstoneRecords
{
    public const string Kind = "tombstone";

    public const string ForgottenKind = "tombstonesForgotten";

    public static void WriteForgotten(Utf8JsonWriter w, string index)
    {
        w.WriteStartObject();
        w.WriteString("r", ForgottenKind);
        w.WriteString("index", index);
        w.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter w, Tombstone t)
    {
        w.WriteStartObject();
        w.WriteString("r", Kind);
        w.WriteString("index", t.Index);
        w.WriteNumber("at", t.At);
        switch (t.Kind)
        {
            case TombstoneKind.Ids:
                w.WriteStartArray("ids");
                foreach (var id in t.Ids)
                {
                    w.WriteStringValue(id);
                }

                w.WriteEndArray();
                break;
            case TombstoneKind.Filter:
                w.WritePropertyName("filter");
                w.WriteRawValue(t.Filter!, skipInputValidation: true);
                break;
            default:
                w.WriteBoolean("all", true);
                break;
        }

        w.WriteEndObject();
    }

    public static Tombstone Read(JsonElement record)
    {
        var index = record.GetProperty("index").GetString()!;
        var at = record.GetProperty("at").GetInt64();
        if (record.TryGetProperty("ids", out var ids))
        {
            return new Tombstone(index, at, TombstoneKind.Ids, [.. ids.EnumerateArray().Select(i => i.GetString()!)], null);
        }

        return record.TryGetProperty("filter", out var filter)
            ? new Tombstone(index, at, TombstoneKind.Filter, [], filter.GetRawText())
            : new Tombstone(index, at, TombstoneKind.All, [], null);
    }
}
