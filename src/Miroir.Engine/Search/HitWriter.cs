using System.Globalization;
using System.Text.Json;

namespace Miroir.Engine.Search;

/// <summary>
/// Writes one hit: the retrieved fields (displayed ∩ attributesToRetrieve), then
/// <c>_geoDistance</c>, <c>_formatted</c>, <c>_matchesPosition</c>, <c>_rankingScore</c> and
/// <c>_rankingScoreDetails</c> as asked. Federated search uses <see cref="WriteHitProperties"/>
/// to add its own properties to the same object.
/// </summary>
public static partial class HitWriter
{
    public static void WriteHit(Utf8JsonWriter writer, SearchResult result, SearchHit hit)
    {
        writer.WriteStartObject();
        WriteHitProperties(writer, result, hit);
        writer.WriteEndObject();
    }

    public static void WriteHitProperties(Utf8JsonWriter writer, SearchResult result, SearchHit hit)
    {
        var request = result.Request;
        var settings = result.Formatter.Settings;
        var displayed = new FieldSelection(settings.DisplayedAttributes);
        var retrieve = new FieldSelection(request.AttributesToRetrieve);
        using var doc = JsonDocument.Parse(hit.Json);
        var root = doc.RootElement;
        WriteSelected(writer, root, string.Empty, displayed, retrieve);
        // `_vectors` is never written as stored: with `retrieveVectors` it shows the index's view
        // (when displayed), otherwise Meilisearch hides it.
        if (result.VectorsJson is { } vectors && vectors.TryGetValue(hit.DocId, out var vectorsJson) && displayed.Includes("_vectors"))
        {
            writer.WritePropertyName("_vectors");
            writer.WriteRawValue(vectorsJson, skipInputValidation: true);
        }
        if (hit.GeoDistance is { } distance)
        {
            writer.WriteNumber("_geoDistance", (long)distance);
        }
        var highlight = request.AttributesToHighlight is { Count: > 0 };
        var crop = request.AttributesToCrop is { Count: > 0 };
        if (highlight || crop || request.ShowMatchesPosition)
        {
            lock (result.Formatter.Sync)
            {
                var formatter = new TextFormatter(result.Formatter.Tokenizer, result.MatchingWords);
                if (highlight || crop)
                {
                    writer.WritePropertyName("_formatted");
                    writer.WriteStartObject();
                    WriteFormatted(writer, root, string.Empty, displayed, retrieve, request, formatter);
                    writer.WriteEndObject();
                }
                if (request.ShowMatchesPosition)
                {
                    WriteMatchesPosition(writer, root, displayed, formatter);
                }
            }
        }
        if (request.ShowRankingScore)
        {
            writer.WriteNumber("_rankingScore", hit.Score);
        }
        if (request.ShowRankingScoreDetails)
        {
            writer.WritePropertyName("_rankingScoreDetails");
            ScoreDetailsWriter.Write(writer, hit.Details);
        }
    }

    /// <summary>Writes the properties of <paramref name="obj"/> kept by both selections.</summary>
    internal static void WriteSelected(Utf8JsonWriter writer, JsonElement obj, string prefix, FieldSelection a, FieldSelection b)
    {
        foreach (var prop in obj.EnumerateObject())
        {
            if (prefix.Length == 0 && prop.NameEquals("_vectors"))
            {
                continue;
            }
            var path = prefix.Length == 0 ? prop.Name : prefix + "." + prop.Name;
            if (a.Includes(path) && b.Includes(path))
            {
                prop.WriteTo(writer);
            }
            else if ((a.Includes(path) || a.HasDescendants(path)) && (b.Includes(path) || b.HasDescendants(path)))
            {
                WritePartial(writer, prop.Name, prop.Value, path, a, b);
            }
        }
    }

    private static void WritePartial(Utf8JsonWriter writer, string name, JsonElement value, string path, FieldSelection a, FieldSelection b)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            writer.WriteStartObject(name);
            WriteSelected(writer, value, path, a, b);
            writer.WriteEndObject();
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            writer.WriteStartArray(name);
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    writer.WriteStartObject();
                    WriteSelected(writer, item, path, a, b);
                    writer.WriteEndObject();
                }
            }
            writer.WriteEndArray();
        }
    }

    private static string NumberText(JsonElement value) =>
        value.TryGetInt64(out var l) ? l.ToString(CultureInfo.InvariantCulture) : value.GetRawText();
}
