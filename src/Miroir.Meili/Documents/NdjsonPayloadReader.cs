using System.Text.Json;

namespace Miroir.Meili.Documents;

/// <summary>Reads an <c>application/x-ndjson</c> body: whitespace-separated JSON objects.</summary>
internal static class NdjsonPayloadReader
{
    public static DocumentPayload Read(ReadOnlyMemory<byte> body)
    {
        var documents = new List<ReadOnlyMemory<byte>>();
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw DocumentPayloadParser.Malformed(DocumentPayloadFormat.Ndjson, DocumentPayloadParser.NotObjects);
                }

                documents.Add(JsonPayloadReader.SliceObject(ref reader, body));
            }
        }
        catch (JsonException e)
        {
            throw DocumentPayloadParser.Malformed(DocumentPayloadFormat.Ndjson, JsonErrorText.Describe(e));
        }

        return new DocumentPayload(documents);
    }
}
