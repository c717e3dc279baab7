using System.Text.Json;

namespace Miroir.Engine.Search;

/// <summary><c>_formatted</c> and <c>_matchesPosition</c>.</summary>
public static partial class HitWriter
{
    /// <summary>
    /// The displayed properties of the object the reader starts that are retrieved, highlighted or
    /// cropped, formatted (Meilisearch's <c>_formatted</c> holds all three selections).
    /// </summary>
    private static void WriteFormatted(Utf8JsonWriter writer, ref Utf8JsonReader reader, ref FieldPath path, HitPlan plan,
        SearchRequest request, TextFormatter formatter)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var mark = path.Push(ref reader);
            reader.Read();
            // Kept whole or in part: formatting an object filters its properties again.
            if (plan.Displayed.Reaches(path.Value) && plan.FormattedReaches(path.Value))
            {
                writer.WritePropertyName(path.NameAt(mark));
                WriteFormattedValue(writer, ref reader, ref path, plan, request, formatter);
            }
            else
            {
                reader.Skip();
            }
            path.Pop(mark);
        }
    }

    private static void WriteFormattedValue(Utf8JsonWriter writer, ref Utf8JsonReader reader, ref FieldPath path, HitPlan plan,
        SearchRequest request, TextFormatter formatter)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                writer.WriteStartObject();
                WriteFormatted(writer, ref reader, ref path, plan, request, formatter);
                writer.WriteEndObject();
                break;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    WriteFormattedValue(writer, ref reader, ref path, plan, request, formatter);
                }
                writer.WriteEndArray();
                break;
            case JsonTokenType.String:
            case JsonTokenType.Number:
                // Meilisearch renders numbers as strings in _formatted.
                var text = formatter.ReadValue(ref reader);
                var highlight = plan.Highlight?.Includes(path.Value) == true;
                var crop = plan.CropLengthFor(path.Value);
                if (highlight || crop is not null)
                {
                    formatter.WriteFormatted(writer, text, highlight, crop, request.HighlightPreTag, request.HighlightPostTag, request.CropMarker);
                }
                else
                {
                    writer.WriteStringValue(text);
                }
                break;
            default:
                JsonCopy.Value(ref reader, writer);
                break;
        }
    }

    private static void WriteMatchesPosition(Utf8JsonWriter writer, ref Utf8JsonReader reader, ref FieldPath path, FieldSelection displayed,
        TextFormatter formatter)
    {
        formatter.Positions.Clear();
        formatter.ArrayIndices.Clear();
        Collect(ref reader, ref path, displayed, formatter);
        writer.WritePropertyName("_matchesPosition"u8);
        formatter.Positions.Write(writer);
    }

    private static void Collect(ref Utf8JsonReader reader, ref FieldPath path, FieldSelection displayed, TextFormatter formatter)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var mark = path.Push(ref reader);
                    reader.Read();
                    Collect(ref reader, ref path, displayed, formatter);
                    path.Pop(mark);
                }
                break;
            case JsonTokenType.StartArray:
                var indices = formatter.ArrayIndices;
                var depth = indices.Count;
                indices.Add(-1);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    indices[depth]++;
                    Collect(ref reader, ref path, displayed, formatter);
                }
                indices.RemoveAt(depth);
                break;
            case JsonTokenType.String:
            case JsonTokenType.Number:
                if (displayed.Includes(path.Value))
                {
                    formatter.AddMatches(formatter.ReadValue(ref reader), path.Value);
                }
                break;
            default:
                break;
        }
    }
}
