using System.Text;
using System.Text.Json;
using Miroir.Meili.Errors;

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
}
