using System.Text.Json;

namespace Miroir.Meili.Documents;

/// <summary>Reads an <c>application/json</c> body: an array of objects or one object.</summary>
internal static class JsonPayloadReader
{
    public static DocumentPayload Read(ReadOnlyMemory<byte> body)
    {
        var documents = new List<ReadOnlyMemory<byte>>();
        var reader = new Utf8JsonReader(body.Span);
        try
        {
            if (!reader.Read())
            {
                throw DocumentPayloadParser.Malformed(DocumentPayloadFormat.Json, "EOF while parsing a value at line 1 column 0");
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                documents.Add(SliceObject(ref reader, body));
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw DocumentPayloadParser.Malformed(DocumentPayloadFormat.Json, DocumentPayloadParser.NotObjects);
                    }

                    documents.Add(SliceObject(ref reader, body));
                }
            }
            else
            {
                throw DocumentPayloadParser.Malformed(DocumentPayloadFormat.Json, DocumentPayloadParser.NotObjects);
            }

            // Anything but whitespace after the top-level value is an error, as in serde_json.
            if (reader.Read())
            {
                throw DocumentPayloadParser.Malformed(
                    DocumentPayloadFormat.Json,
                    "trailing characters " + JsonErrorText.Position(body.Span, (int)reader.TokenStartIndex));
            }
        }
        catch (JsonException e)
        {
            throw DocumentPayloadParser.Malformed(DocumentPayloadFormat.Json, JsonErrorText.Describe(e));
        }

        return new DocumentPayload(documents);
    }

    /// <summary>Returns the bytes of the object the reader stands on and moves past it.</summary>
    internal static ReadOnlyMemory<byte> SliceObject(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        var end = (int)reader.BytesConsumed;
        return body[start..end];
    }
}
