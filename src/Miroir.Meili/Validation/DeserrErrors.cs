using System.Text.Encodings.Web;
using System.Text.Json;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Validation;

/// <summary>
/// Builds request-validation errors worded exactly like Meilisearch's (its <c>deserr</c> JSON
/// messages), shared by the settings, search and key parsers.
/// </summary>
internal static class DeserrErrors
{
    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>"Invalid value type at `.path`: expected X, but found Y".</summary>
    public static MeiliException WrongType(ErrorCode code, string path, string expected, JsonElement actual) =>
        new(code, $"Invalid value type{At(path)}: expected {expected}, but found {Describe(actual)}");

    /// <summary>"Invalid value at `.path`: message".</summary>
    public static MeiliException Invalid(ErrorCode code, string path, string message) =>
        new(code, $"Invalid value{At(path)}: {message}");

    /// <summary>"Missing field `x` inside `.path`".</summary>
    public static MeiliException Missing(ErrorCode code, string field, string path) =>
        new(code, $"Missing field `{field}`{Inside(path)}");

    public static MeiliException UnknownField(ErrorCode code, string key, IReadOnlyList<string> accepted, string path) =>
        new(code, $"Unknown field `{key}`{Inside(path)}: {DidYouMean(key, accepted)}expected one of {Quoted(accepted)}");

    public static MeiliException UnknownValue(ErrorCode code, string value, string path, IReadOnlyList<string> accepted) =>
        new(code, $"Unknown value `{value}`{At(path)}: {DidYouMean(value, accepted)}expected one of {Quoted(accepted)}");

    /// <summary>Backquoted, comma-separated list: <c>`a`, `b`</c>.</summary>
    public static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(v => "`" + v + "`"));

    private static string At(string path) => path.Length == 0 ? "" : $" at `{path}`";

    private static string Inside(string path) => path.Length == 0 ? "" : $" inside `{path}`";

    /// <summary>A value's kind and compact JSON, e.g. <c>a string: `"x"`</c>; just <c>null</c> for null.</summary>
    public static string Describe(JsonElement value)
    {
        var kind = value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.String => "a string",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            _ when value.TryGetUInt64(out _) => "a positive integer",
            _ when value.TryGetInt64(out _) => "a negative integer",
            _ => "a number",
        };
        return kind is null ? "null" : $"{kind}: `{Compact(value)}`";
    }

    /// <summary>The value re-serialised without whitespace, as serde_json prints it.</summary>
    public static string Compact(JsonElement value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions))
        {
            value.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>deserr's "did you mean `x`? " hint: the closest accepted word within a length-based edit budget.</summary>
    public static string DidYouMean(string received, IReadOnlyList<string> accepted)
    {
        var budget = received.Length switch
        {
            <= 3 => -1,
            <= 7 => 1,
            <= 12 => 2,
            <= 17 => 3,
            <= 24 => 4,
            _ => 5,
        };
        if (budget < 0)
        {
            return "";
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in accepted)
        {
            var distance = Distance(received, candidate);
            if (distance <= budget && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best is null ? "" : $"did you mean `{best}`? ";
    }

    /// <summary>Damerau-Levenshtein distance (optimal string alignment variant).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                }

                d[i, j] = v;
            }
        }

        return d[a.Length, b.Length];
    }
}
