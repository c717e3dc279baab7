using System.Text;
using System.Text.Json;
using Miroir.Engine.Errors;

namespace Miroir.Engine.Node;

/// <summary>Reads and validates document ids, and infers the primary key, like Meilisearch.</summary>
internal static class DocumentIds
{
    private const int MaxIdBytes = 511;

    /// <summary>The id of a raw document under <paramref name="primaryKey"/>; throws the task error otherwise.</summary>
    public static string Get(ReadOnlySpan<byte> document, string primaryKey)
    {
        var reader = new Utf8JsonReader(document);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(primaryKey);
            reader.Read();
            if (!match)
            {
                reader.Skip();
                continue;
            }
            string id;
            if (reader.TokenType == JsonTokenType.String)
            {
                id = reader.GetString()!;
            }
            else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n))
            {
                id = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                throw InvalidId(Encoding.UTF8.GetString(reader.ValueSpan));
            }
            if (!IsValid(id))
            {
                throw InvalidId(JsonSerializer.Serialize(id, NodeJsonContext.Default.String));
            }
            return id;
        }
        throw new MeiliException(ErrorCode.MissingDocumentId,
            $"Document doesn't have a `{primaryKey}` attribute: `{Encoding.UTF8.GetString(document)}`.");
    }

    public static bool IsValid(string id)
    {
        if (id.Length == 0 || Encoding.UTF8.GetByteCount(id) > MaxIdBytes)
        {
            return false;
        }
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }
        return true;
    }

    public static MeiliException InvalidId(string shown) => new(ErrorCode.InvalidDocumentId,
        $"Document identifier `{shown}` is invalid. A document identifier can be of type integer or string, only composed of alphanumeric characters (a-z A-Z 0-9), hyphens (-) and underscores (_), and can not be more than 511 bytes.");

    /// <summary>The single top-level field whose name ends in <c>id</c> (case-insensitive).</summary>
    public static string Infer(ReadOnlySpan<byte> firstDocument)
    {
        var candidates = new List<string>();
        var reader = new Utf8JsonReader(firstDocument);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (name.EndsWith("id", StringComparison.OrdinalIgnoreCase))
            {
                candidates.Add(name);
            }
            reader.Read();
            reader.Skip();
        }
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new MeiliException(ErrorCode.IndexPrimaryKeyNoCandidateFound,
                "The primary key inference failed as the engine did not find any field ending with `id` in its name. Please specify the primary key manually using the `primaryKey` query parameter."),
            _ => throw new MeiliException(ErrorCode.IndexPrimaryKeyMultipleCandidatesFound,
                $"The primary key inference failed as the engine found {candidates.Count} fields ending with `id` in their names: {string.Join(" and ", candidates.Select(c => "'" + c + "'"))}. Please specify the primary key manually using the `primaryKey` query parameter."),
        };
    }
}
