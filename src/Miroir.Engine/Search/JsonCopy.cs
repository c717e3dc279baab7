using System.Buffers;
using System.Text.Json;

namespace Miroir.Engine.Search;

/// <summary>
/// Copies JSON from a <see cref="Utf8JsonReader"/> to a <see cref="Utf8JsonWriter"/> byte for
/// byte as <c>JsonElement.WriteTo</c> does (strings and names re-escaped by the writer, numbers
/// verbatim) without parsing a <c>JsonDocument</c>.
/// </summary>
internal static class JsonCopy
{
    /// <summary>Copies the value the reader is on and leaves the reader on its last token.</summary>
    public static void Value(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            Token(ref reader, writer);
            return;
        }
        var depth = reader.CurrentDepth;
        do
        {
            Token(ref reader, writer);
        }
        while (reader.Read() && reader.CurrentDepth > depth);
        Token(ref reader, writer);
    }

    /// <summary>Writes the reader's string or property name token unescaped, for the writer to escape its way.</summary>
    public static void Text(ref Utf8JsonReader reader, Utf8JsonWriter writer, bool propertyName)
    {
        if (!reader.ValueIsEscaped)
        {
            Write(writer, reader.ValueSpan, propertyName);
            return;
        }
        var rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        var length = reader.CopyString(rented);
        Write(writer, rented.AsSpan(0, length), propertyName);
        ArrayPool<byte>.Shared.Return(rented);
    }

    private static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> utf8, bool propertyName)
    {
        if (propertyName)
        {
            writer.WritePropertyName(utf8);
        }
        else
        {
            writer.WriteStringValue(utf8);
        }
    }

    private static void Token(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                writer.WriteStartObject();
                break;
            case JsonTokenType.EndObject:
                writer.WriteEndObject();
                break;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                break;
            case JsonTokenType.EndArray:
                writer.WriteEndArray();
                break;
            case JsonTokenType.PropertyName:
                Text(ref reader, writer, propertyName: true);
                break;
            case JsonTokenType.String:
                Text(ref reader, writer, propertyName: false);
                break;
            case JsonTokenType.Number:
                // JsonElement.WriteTo writes the number's text as stored, too.
                writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                break;
            case JsonTokenType.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonTokenType.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
