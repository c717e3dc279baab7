using System.Text.Json;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Validation;

/// <summary>Typed reads of request JSON values that fail with Meilisearch's wording and codes.</summary>
internal static class JsonValues
{
    public static string String(JsonElement v, ErrorCode code, string path) =>
        v.ValueKind == JsonValueKind.String ? v.GetString()! : throw DeserrErrors.WrongType(code, path, "a string", v);

    public static string? OptString(JsonElement v, ErrorCode code, string path) =>
        v.ValueKind == JsonValueKind.Null ? null : String(v, code, path);

    public static bool Bool(JsonElement v, ErrorCode code, string path) => v.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw DeserrErrors.WrongType(code, path, "a boolean", v),
    };

    /// <summary>A <c>usize</c> field; values above int.MaxValue saturate.</summary>
    public static int PositiveInt(JsonElement v, ErrorCode code, string path)
    {
        if (v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out var n))
        {
            return n > int.MaxValue ? int.MaxValue : (int)n;
        }

        throw DeserrErrors.WrongType(code, path, "a positive integer", v);
    }

    public static int? OptPositiveInt(JsonElement v, ErrorCode code, string path) =>
        v.ValueKind == JsonValueKind.Null ? null : PositiveInt(v, code, path);

    public static double Number(JsonElement v, ErrorCode code, string path) =>
        v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw DeserrErrors.WrongType(code, path, "a number", v);

    public static List<string> StringList(JsonElement v, ErrorCode code, string path)
    {
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw DeserrErrors.WrongType(code, path, "an array", v);
        }

        var list = new List<string>(v.GetArrayLength());
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            list.Add(String(item, code, $"{path}[{i}]"));
            i++;
        }

        return list;
    }

    public static List<string>? OptStringList(JsonElement v, ErrorCode code, string path) =>
        v.ValueKind == JsonValueKind.Null ? null : StringList(v, code, path);

    /// <summary>Fails unless the value is an object (the request body or a nested setting).</summary>
    public static void RequireObject(JsonElement v, ErrorCode code, string path)
    {
        if (v.ValueKind != JsonValueKind.Object)
        {
            throw DeserrErrors.WrongType(code, path, "an object", v);
        }
    }

    /// <summary>A standalone JSON string element holding <paramref name="value"/>.</summary>
    public static JsonElement StringElement(string value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(value.Length + 8);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(value);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
