using System.Text.Json;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Http;

/// <summary>Small checks on JSON bodies with deserr-style messages, as Meilisearch words them.</summary>
internal static class BodyFields
{
    public static void RequireObject(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new MeiliException(ErrorCode.BadRequest, $"Invalid value type: expected an object, but found {Describe(root)}");
        }
    }

    public static void RejectUnknown(JsonElement root, params string[] known)
    {
        foreach (var p in root.EnumerateObject())
        {
            if (!known.Contains(p.Name))
            {
                throw new MeiliException(ErrorCode.BadRequest,
                    $"Unknown field `{p.Name}`: expected one of {string.Join(", ", known.Select(k => "`" + k + "`"))}");
            }
        }
    }

    public static string? OptionalString(JsonElement root, string name, ErrorCode error)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            throw new MeiliException(error, $"Invalid value type at `.{name}`: expected a string, but found {Describe(v)}");
        }
        return v.GetString();
    }

    public static int? OptionalInt(JsonElement root, string name, ErrorCode error)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n) || n < 0)
        {
            throw new MeiliException(error, $"Invalid value type at `.{name}`: expected a positive integer, but found {Describe(v)}");
        }
        return n;
    }

    /// <summary>Describes a value like deserr: <c>a string: "x"</c>, <c>an array: [..]</c>.</summary>
    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"a string: `{v.GetRawText()}`",
        JsonValueKind.Number => $"a positive integer: `{v.GetRawText()}`",
        JsonValueKind.Array => $"an array: `{v.GetRawText()}`",
        JsonValueKind.Object => $"an object: `{v.GetRawText()}`",
        JsonValueKind.True or JsonValueKind.False => $"a boolean: `{v.GetRawText()}`",
        _ => "null",
    };
}
