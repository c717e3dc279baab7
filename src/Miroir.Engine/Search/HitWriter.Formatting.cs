using System.Globalization;
using System.Text.Json;

namespace Miroir.Engine.Search;

/// <summary><c>_formatted</c> and <c>_matchesPosition</c>.</summary>
public static partial class HitWriter
{
    private static void WriteFormatted(Utf8JsonWriter writer, JsonElement obj, string prefix, FieldSelection displayed,
        FieldSelection retrieve, SearchRequest request, TextFormatter formatter)
    {
        foreach (var prop in obj.EnumerateObject())
        {
            var path = prefix.Length == 0 ? prop.Name : prefix + "." + prop.Name;
            var included = displayed.Includes(path) && retrieve.Includes(path);
            if (!included && !((displayed.Includes(path) || displayed.HasDescendants(path)) && (retrieve.Includes(path) || retrieve.HasDescendants(path))))
            {
                continue;
            }
            writer.WritePropertyName(prop.Name);
            WriteFormattedValue(writer, prop.Value, path, included, displayed, retrieve, request, formatter);
        }
    }

    private static void WriteFormattedValue(Utf8JsonWriter writer, JsonElement value, string path, bool included,
        FieldSelection displayed, FieldSelection retrieve, SearchRequest request, TextFormatter formatter)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                WriteFormatted(writer, value, path, displayed, retrieve, request, formatter);
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteFormattedValue(writer, item, path, included, displayed, retrieve, request, formatter);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
            case JsonValueKind.Number:
                // Meilisearch renders numbers as strings in _formatted.
                var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : NumberText(value);
                var highlight = new FieldSelection(request.AttributesToHighlight).IncludesListed(path, request.AttributesToHighlight);
                var crop = CropLengthFor(path, request);
                writer.WriteStringValue(highlight || crop is not null
                    ? formatter.Format(text, highlight, crop, request.HighlightPreTag, request.HighlightPostTag, request.CropMarker)
                    : text);
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    /// <summary>The crop length of a field: <c>field:n</c> in attributesToCrop, else cropLength; null when not cropped.</summary>
    private static int? CropLengthFor(string path, SearchRequest request)
    {
        if (request.AttributesToCrop is not { } crop)
        {
            return null;
        }
        foreach (var entry in crop)
        {
            var colon = entry.LastIndexOf(':');
            var name = colon > 0 ? entry[..colon] : entry;
            if (name == "*" || name == path || path.StartsWith(name + ".", StringComparison.Ordinal))
            {
                return colon > 0 && int.TryParse(entry.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                    ? n : request.CropLength;
            }
        }
        return null;
    }

    private static void WriteMatchesPosition(Utf8JsonWriter writer, JsonElement root, FieldSelection displayed, TextFormatter formatter)
    {
        writer.WritePropertyName("_matchesPosition");
        writer.WriteStartObject();
        var perField = new SortedDictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        var order = new List<string>();
        Collect(root, string.Empty, displayed, formatter, perField, order);
        foreach (var field in order)
        {
            writer.WriteStartArray(field);
            foreach (var (start, length) in perField[field])
            {
                writer.WriteStartObject();
                writer.WriteNumber("start", start);
                writer.WriteNumber("length", length);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void Collect(JsonElement value, string path, FieldSelection displayed, TextFormatter formatter,
        SortedDictionary<string, List<(int, int)>> perField, List<string> order)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var prop in value.EnumerateObject())
                {
                    Collect(prop.Value, path.Length == 0 ? prop.Name : path + "." + prop.Name, displayed, formatter, perField, order);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    Collect(item, path, displayed, formatter, perField, order);
                }
                break;
            case JsonValueKind.String:
            case JsonValueKind.Number:
                if (!displayed.Includes(path))
                {
                    return;
                }
                var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : NumberText(value);
                foreach (var (start, length) in formatter.Matches(text))
                {
                    if (!perField.TryGetValue(path, out var list))
                    {
                        perField[path] = list = [];
                        order.Add(path);
                    }
                    // Positions are UTF-8 byte offsets, as Meilisearch reports them.
                    list.Add((TextFormatter.Utf8Length(text, 0, start), TextFormatter.Utf8Length(text, start, length)));
                }
                break;
        }
    }
}
