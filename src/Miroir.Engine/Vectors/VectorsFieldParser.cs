using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Vectors;

/// <summary>
/// Validates a document's <c>_vectors</c> object the way Meilisearch does: each entry is an array
/// of floats, an array of arrays of floats, <c>null</c> (opt-out), or
/// <c>{"embeddings": ..., "regenerate": bool}</c>; entries of configured embedders must match
/// their dimensions. Errors are <c>invalid_vectors_type</c> / <c>invalid_vector_dimensions</c>.
/// </summary>
internal static partial class VectorsFieldParser
{
    /// <summary>The parsed entry of one <c>_vectors</c> key.</summary>
    internal readonly record struct Entry(string Name, float[]? Flat, bool Regenerate);

    public static List<Entry> Parse(
        string externalId, JsonElement vectors, IReadOnlyDictionary<string, EmbedderSettings> embedders)
    {
        if (vectors.ValueKind != JsonValueKind.Object)
        {
            throw new MeiliException(ErrorCode.InvalidVectorsType,
                $"The `_vectors` field in the document with id: `{externalId}` is not an object. Was expecting an object with a key for each embedder with manually provided vectors, but instead got `{Compact(vectors)}`");
        }
        var entries = new List<Entry>();
        foreach (var property in vectors.EnumerateObject())
        {
            var name = property.Name;
            var path = "._vectors." + name;
            var dimensions = embedders.TryGetValue(name, out var embedder) ? embedder.Dimensions : 0;
            var entry = ParseEntry(externalId, name, path, property.Value, dimensions);
            entries.Add(entry);
        }
        return entries;
    }

    private static Entry ParseEntry(string externalId, string name, string path, JsonElement value, int dimensions)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return new Entry(name, [], false);
            case JsonValueKind.Array:
                return new Entry(name, ParseEmbeddings(externalId, name, path, value, dimensions), false);
            case JsonValueKind.Object:
                return ParseExplicit(externalId, name, path, value, dimensions);
            default:
                throw BadConf(externalId, $"Invalid value type at `{path}`: expected an array, an object, or null, but found {Describe(value)}");
        }
    }

    private static Entry ParseExplicit(string externalId, string name, string path, JsonElement value, int dimensions)
    {
        bool? regenerate = null;
        float[]? flat = null;
        foreach (var field in value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "regenerate":
                    if (field.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        throw BadConf(externalId, $"Invalid value type at `{path}.regenerate`: expected a boolean, but found {Describe(field.Value)}");
                    }
                    regenerate = field.Value.GetBoolean();
                    break;
                case "embeddings":
                    flat = field.Value.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.Array => ParseEmbeddings(externalId, name, path + ".embeddings", field.Value, dimensions),
                        _ => throw BadConf(externalId, $"Invalid value type at `{path}.embeddings`: expected null or an array, but found {Describe(field.Value)}"),
                    };
                    break;
                default:
                    throw BadConf(externalId,
                        $"Unexpected field `{path}.{field.Name}`\n  - note: the allowed fields are `regenerate` and `embeddings`");
            }
        }
        if (regenerate is null)
        {
            throw BadConf(externalId,
                $"Missing field `{path}.regenerate`\n  - note: `{path}` must be an array of floats, an array of arrays of floats, or an object with field `regenerate`");
        }
        return new Entry(name, flat, regenerate.Value);
    }

    /// <summary>Reads one vector or an array of vectors into one flat array.</summary>
    private static float[] ParseEmbeddings(string externalId, string name, string path, JsonElement array, int dimensions)
    {
        var length = array.GetArrayLength();
        if (length == 0)
        {
            return [];
        }
        var first = array[0];
        if (first.ValueKind == JsonValueKind.Number)
        {
            var single = ReadVector(externalId, path, array);
            CheckDimensions(externalId, name, 0, single.Length, dimensions);
            return single;
        }
        if (first.ValueKind != JsonValueKind.Array)
        {
            throw BadConf(externalId, $"Invalid value type at `{path}[0]`: expected a number or an array, but found {Describe(first)}");
        }
        var parts = new List<float[]>(length);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Array)
            {
                throw BadConf(externalId, $"Invalid value type at `{path}[{index}]`: expected an array, but found {Describe(item)}");
            }
            parts.Add(ReadVector(externalId, $"{path}[{index}]", item));
            index++;
        }
        for (var i = 0; i < parts.Count; i++)
        {
            CheckDimensions(externalId, name, i, parts[i].Length, dimensions);
        }
        var flat = new float[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(flat, offset);
            offset += part.Length;
        }
        return flat;
    }

    private static float[] ReadVector(string externalId, string path, JsonElement array)
    {
        var vector = new float[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number)
            {
                throw BadConf(externalId, $"Invalid value type at `{path}[{i}]`: expected a number, but found {Describe(item)}");
            }
            vector[i++] = (float)item.GetDouble();
        }
        return vector;
    }

    /// <summary>Dimensions are only known (and checked) for configured embedders.</summary>
    private static void CheckDimensions(string externalId, string name, int index, int found, int expected)
    {
        if (expected > 0 && found != expected)
        {
            throw new MeiliException(ErrorCode.InvalidVectorDimensions,
                $"Invalid vector dimensions in document with id `{externalId}` in `._vectors.{name}`.\n  - note: embedding #{index} has dimensions {found}\n  - note: embedder `{name}` requires {expected}");
        }
    }

    private static MeiliException BadConf(string externalId, string detail) =>
        new(ErrorCode.InvalidVectorsType, $"Bad embedder configuration in the document with id: `{externalId}`. {detail}");

    /// <summary>deserr's wording for the kind and value that was found.</summary>
    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => $"a boolean: `{Compact(value)}`",
        JsonValueKind.Number => $"a number: `{Compact(value)}`",
        JsonValueKind.String => $"a string: `{Compact(value)}`",
        JsonValueKind.Array => $"an array: `{Compact(value)}`",
        _ => $"an object: `{Compact(value)}`",
    };

    private static readonly JsonWriterOptions CompactOptions =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The value re-serialised without whitespace, as serde_json prints it.</summary>
    internal static string Compact(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions))
        {
            value.WriteTo(writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
