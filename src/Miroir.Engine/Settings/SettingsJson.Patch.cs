using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Miroir.Meili.Errors;

using Miroir.Meili.Validation;

namespace Miroir.Engine.Settings;

/// <summary>PATCH /settings and sub-route updates: validation, merge, reset and the normalised patch.</summary>
public static partial class SettingsJson
{
    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Request-time validation of a PATCH /settings body (types, names, enum values), so a bad
    /// request is refused with 400 before a task is enqueued.
    /// </summary>
    public static void ValidatePatch(JsonElement patch) => Apply(IndexSettings.Default, patch, strict: false);

    /// <summary>
    /// Applies a PATCH /settings body: absent keys keep their value, <c>null</c> resets a setting
    /// to its default, nested objects (typoTolerance, faceting, pagination, embedders) merge.
    /// </summary>
    public static IndexSettings ApplyPatch(IndexSettings current, JsonElement patch) => Apply(current, patch, strict: true);

    /// <summary>Request-time validation of a sub-route PUT/PATCH body (the setting's value alone).</summary>
    public static void ValidateOne(string key, JsonElement value) => ApplyOne(IndexSettings.Default, key, value, strict: false);

    /// <summary>Applies a sub-route PUT/PATCH body; <c>null</c> resets.</summary>
    public static IndexSettings ApplyOne(IndexSettings current, string key, JsonElement value) => ApplyOne(current, key, value, strict: true);

    /// <summary>DELETE /settings/{sub-route}.</summary>
    public static IndexSettings ResetOne(IndexSettings current, string key) => Find(key).Reset(current);

    /// <summary>
    /// Writes the patch as a settingsUpdate task's <c>details</c>: the keys that were sent, in
    /// Meilisearch's order, values compact as sent (null for a reset).
    /// </summary>
    public static void WritePatch(Utf8JsonWriter writer, JsonElement patch)
    {
        writer.WriteStartObject();
        foreach (var descriptor in Descriptors)
        {
            if (patch.ValueKind == JsonValueKind.Object && patch.TryGetProperty(descriptor.Key, out var value))
            {
                writer.WritePropertyName(descriptor.Key);
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>The details of a sub-route update: <c>{"key": value}</c>.</summary>
    public static void WriteOnePatch(Utf8JsonWriter writer, string key, JsonElement value)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(Find(key).Key);
        value.WriteTo(writer);
        writer.WriteEndObject();
    }

    /// <summary>The normalised patch as compact UTF-8 JSON bytes (for storing in a task record).</summary>
    public static byte[] NormalizePatch(JsonElement patch)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions))
        {
            WritePatch(writer, patch);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static IndexSettings Apply(IndexSettings current, JsonElement patch, bool strict)
    {
        JsonValues.RequireObject(patch, ErrorCode.BadRequest, "");
        var result = current;
        foreach (var property in patch.EnumerateObject())
        {
            var descriptor = Array.Find(Descriptors, d => d.Key == property.Name)
                ?? throw DeserrErrors.UnknownField(ErrorCode.BadRequest, property.Name, (IReadOnlyList<string>)Keys, "");
            result = property.Value.ValueKind == JsonValueKind.Null
                ? descriptor.Reset(result)
                : descriptor.Apply(result, property.Value, "." + property.Name, strict);
        }

        return result;
    }

    private static IndexSettings ApplyOne(IndexSettings current, string key, JsonElement value, bool strict)
    {
        var descriptor = Find(key);
        return value.ValueKind == JsonValueKind.Null ? descriptor.Reset(current) : descriptor.Apply(current, value, "", strict);
    }
}
