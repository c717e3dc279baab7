using System.Globalization;
using System.Text.Json;

namespace Miroir.Engine.Facets;

/// <summary>Writes facet results into a response object with <see cref="Utf8JsonWriter"/>.</summary>
public static class FacetWriter
{
    /// <summary>Writes <c>"facetDistribution":{...},"facetStats":{...}</c> as properties of the current object.</summary>
    public static void Write(Utf8JsonWriter writer, FacetResult result)
    {
        writer.WritePropertyName("facetDistribution"u8);
        writer.WriteStartObject();
        foreach (var facet in result.Distribution)
        {
            writer.WritePropertyName(facet.Facet);
            writer.WriteStartObject();
            foreach (var value in facet.Values)
            {
                writer.WriteNumber(value.Value, value.Count);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();

        writer.WritePropertyName("facetStats"u8);
        writer.WriteStartObject();
        foreach (var stat in result.Stats)
        {
            writer.WritePropertyName(stat.Facet);
            writer.WriteStartObject();
            writer.WritePropertyName("min"u8);
            WriteFloat(writer, stat.Min);
            writer.WritePropertyName("max"u8);
            WriteFloat(writer, stat.Max);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>"facetHits":[{"value","count"}],"facetQuery":...</c> for the facet-search route.</summary>
    public static void WriteFacetHits(Utf8JsonWriter writer, FacetSearchResult result)
    {
        writer.WritePropertyName("facetHits"u8);
        writer.WriteStartArray();
        foreach (var hit in result.Hits)
        {
            writer.WriteStartObject();
            writer.WriteString("value"u8, hit.Value);
            writer.WriteNumber("count"u8, hit.Count);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (result.Query is null)
        {
            writer.WriteNull("facetQuery"u8);
        }
        else
        {
            writer.WriteString("facetQuery"u8, result.Query);
        }
    }

    /// <summary>Meilisearch serialises stats as f64, so integral values read <c>10.0</c>, not <c>10</c>.</summary>
    private static void WriteFloat(Utf8JsonWriter writer, double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            writer.WriteRawValue(value.ToString("F1", CultureInfo.InvariantCulture), skipInputValidation: true);
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }
}
