using System.Text.Json;

namespace Miroir.Engine.Http;

/// <summary>Writes a document of the documents routes restricted to the requested top-level fields.</summary>
/// <remarks>
/// Since Meilisearch v0.28 <c>displayedAttributes</c> no longer applies to the documents routes: only
/// <c>fields</c> restricts them. With <c>retrieveVectors</c>, <c>_vectors</c> is kept whatever <c>fields</c> says.
/// </remarks>
internal static class DocumentWriter
{
    public static void Write(Utf8JsonWriter w, ReadOnlySpan<byte> doc, IReadOnlyList<string>? fields, bool retrieveVectors)
    {
        if (fields is null || fields.Contains("*"))
        {
            w.WriteRawValue(doc, skipInputValidation: true);
            return;
        }
        var reader = new Utf8JsonReader(doc);
        reader.Read();
        w.WriteStartObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (fields.Contains(name) || (retrieveVectors && name == "_vectors"))
            {
                w.WritePropertyName(name);
                w.WriteRawValue(doc[start..(int)reader.BytesConsumed], skipInputValidation: true);
            }
        }
        w.WriteEndObject();
    }
}
