using System.Text.Json;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Http;

/// <summary>Writes a stored document restricted to the requested and displayed top-level fields.</summary>
internal static class DocumentWriter
{
    public static void Write(Utf8JsonWriter w, ReadOnlySpan<byte> doc, IReadOnlyList<string>? fields, IndexSettings settings)
    {
        var allFields = fields is null || fields.Contains("*");
        var allDisplayed = settings.DisplayedAttributes.Contains("*");
        if (allFields && allDisplayed)
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
            if ((allFields || fields!.Contains(name)) && (allDisplayed || settings.DisplayedAttributes.Contains(name)))
            {
                w.WritePropertyName(name);
                w.WriteRawValue(doc[start..(int)reader.BytesConsumed], skipInputValidation: true);
            }
        }
        w.WriteEndObject();
    }
}
