using System.Text.Json;

namespace Miroir.Engine.Search;

/// <summary>
/// Writes one hit: the retrieved fields (displayed ∩ attributesToRetrieve), then
/// <c>_geoDistance</c>, <c>_formatted</c>, <c>_matchesPosition</c>, <c>_rankingScore</c> and
/// <c>_rankingScoreDetails</c> as asked. Federated search uses <see cref="WriteHitProperties"/>
/// to add its own properties to the same object. The stored document is read with a
/// <see cref="Utf8JsonReader"/> (once per part written) so that a hit allocates nothing.
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
        var plan = result.HitPlan;
        var path = default(FieldPath);
        try
        {
            var reader = new Utf8JsonReader(hit.Json.Span);
            reader.Read();
            WriteSelected(writer, ref reader, ref path, plan.Displayed, plan.Retrieve);
            // `_vectors` is never written as stored: with `retrieveVectors` it shows the index's view
            // (when displayed), otherwise Meilisearch hides it.
            if (result.VectorsJson is { } vectors && vectors.TryGetValue(hit.DocId, out var vectorsJson) && plan.Displayed.Includes("_vectors"u8))
            {
                writer.WritePropertyName("_vectors"u8);
                writer.WriteRawValue(vectorsJson, skipInputValidation: true);
            }
            if (hit.GeoDistance is { } distance)
            {
                writer.WriteNumber("_geoDistance"u8, (long)distance);
            }
            if (plan.Formats || request.ShowMatchesPosition)
            {
                lock (result.Formatter.Sync)
                {
                    if (plan.Formats)
                    {
                        writer.WritePropertyName("_formatted"u8);
                        reader = new Utf8JsonReader(hit.Json.Span);
                        reader.Read();
                        writer.WriteStartObject();
                        WriteFormatted(writer, ref reader, ref path, plan, request, result.TextFormatter);
                        writer.WriteEndObject();
                    }
                    if (request.ShowMatchesPosition)
                    {
                        reader = new Utf8JsonReader(hit.Json.Span);
                        reader.Read();
                        WriteMatchesPosition(writer, ref reader, ref path, plan.Displayed, result.TextFormatter);
                    }
                }
            }
        }
        finally
        {
            path.Dispose();
        }
        if (request.ShowRankingScore)
        {
            writer.WriteNumber("_rankingScore"u8, hit.Score);
        }
        if (request.ShowRankingScoreDetails)
        {
            writer.WritePropertyName("_rankingScoreDetails"u8);
            ScoreDetailsWriter.Write(writer, hit.Details);
        }
        if (request.TieBreakByPrimaryKey)
        {
            writer.WriteString(PrimaryKeyTieBreak.HitField, hit.ExternalId);
        }
    }

    /// <summary>
    /// Writes the properties of the object the reader starts (leaving it on the object's end)
    /// that both selections keep.
    /// </summary>
    private static void WriteSelected(Utf8JsonWriter writer, ref Utf8JsonReader reader, ref FieldPath path, FieldSelection a, FieldSelection b)
    {
        var top = reader.CurrentDepth == 0;
        if (a.IsAll && b.IsAll)
        {
            WriteAll(writer, ref reader, top);
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var mark = path.Push(ref reader);
            reader.Read();
            var name = path.NameAt(mark);
            var current = path.Value;
            if (top && name.SequenceEqual("_vectors"u8))
            {
                reader.Skip();
            }
            else if (a.Includes(current) && b.Includes(current))
            {
                writer.WritePropertyName(name);
                JsonCopy.Value(ref reader, writer);
            }
            else if (a.Reaches(current) && b.Reaches(current))
            {
                WritePartial(writer, ref reader, ref path, mark, a, b);
            }
            else
            {
                reader.Skip();
            }
            path.Pop(mark);
        }
    }

    /// <summary>Every property of the object the reader starts, without a top-level <c>_vectors</c>.</summary>
    private static void WriteAll(Utf8JsonWriter writer, ref Utf8JsonReader reader, bool top)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (top && reader.ValueTextEquals("_vectors"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }
            JsonCopy.Text(ref reader, writer, propertyName: true);
            reader.Read();
            JsonCopy.Value(ref reader, writer);
        }
    }

    /// <summary>The part of an object or of an array's objects that both selections keep; nothing for other values.</summary>
    private static void WritePartial(Utf8JsonWriter writer, ref Utf8JsonReader reader, ref FieldPath path, int mark, FieldSelection a, FieldSelection b)
    {
        var name = path.NameAt(mark);
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            writer.WriteStartObject(name);
            WriteSelected(writer, ref reader, ref path, a, b);
            writer.WriteEndObject();
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            writer.WriteStartArray(name);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    writer.WriteStartObject();
                    WriteSelected(writer, ref reader, ref path, a, b);
                    writer.WriteEndObject();
                }
                else
                {
                    reader.Skip();
                }
            }
            writer.WriteEndArray();
        }
    }
}
