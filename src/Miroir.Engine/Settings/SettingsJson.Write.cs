using System.Text.Json;

namespace Miroir.Engine.Settings;

/// <summary>Writes settings in the exact shape and key order of Meilisearch's GET /settings.</summary>
public static partial class SettingsJson
{
    /// <summary>Writes the whole settings object.</summary>
    public static void Write(Utf8JsonWriter writer, IndexSettings settings)
    {
        writer.WriteStartObject();
        foreach (var descriptor in Descriptors)
        {
            writer.WritePropertyName(descriptor.Key);
            descriptor.Write(writer, settings);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one setting's value (the body of GET /settings/{sub-route}).</summary>
    public static void WriteOne(Utf8JsonWriter writer, IndexSettings settings, string key) => Find(key).Write(writer, settings);

    private static void WriteList(Utf8JsonWriter writer, IEnumerable<string> values)
    {
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>Meilisearch stores these as ordered sets: returned sorted and deduplicated.</summary>
    private static void WriteSet(Utf8JsonWriter writer, IEnumerable<string> values) =>
        WriteList(writer, values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static void WriteSynonyms(Utf8JsonWriter writer, IndexSettings s)
    {
        writer.WriteStartObject();
        foreach (var (word, synonyms) in s.Synonyms.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(word);
            WriteList(writer, synonyms);
        }

        writer.WriteEndObject();
    }

    private static void WriteTypoTolerance(Utf8JsonWriter writer, IndexSettings s)
    {
        var t = s.TypoTolerance;
        writer.WriteStartObject();
        writer.WriteBoolean("enabled", t.Enabled);
        writer.WriteStartObject("minWordSizeForTypos");
        writer.WriteNumber("oneTypo", t.OneTypo);
        writer.WriteNumber("twoTypos", t.TwoTypos);
        writer.WriteEndObject();
        writer.WritePropertyName("disableOnWords");
        WriteSet(writer, t.DisableOnWords);
        writer.WritePropertyName("disableOnAttributes");
        WriteSet(writer, t.DisableOnAttributes);
        writer.WriteBoolean("disableOnNumbers", t.DisableOnNumbers);
        writer.WriteEndObject();
    }

    private static void WriteFaceting(Utf8JsonWriter writer, IndexSettings s)
    {
        writer.WriteStartObject();
        writer.WriteNumber("maxValuesPerFacet", s.Faceting.MaxValuesPerFacet);
        writer.WriteStartObject("sortFacetValuesBy");
        foreach (var (facet, order) in s.Faceting.SortFacetValuesBy.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(facet, order);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WritePagination(Utf8JsonWriter writer, IndexSettings s)
    {
        writer.WriteStartObject();
        writer.WriteNumber("maxTotalHits", s.MaxTotalHits);
        writer.WriteEndObject();
    }

    private static void WriteEmbedders(Utf8JsonWriter writer, IndexSettings s)
    {
        writer.WriteStartObject();
        foreach (var (name, embedder) in s.Embedders.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteStartObject(name);
            writer.WriteString("source", embedder.Source);
            writer.WriteNumber("dimensions", embedder.Dimensions);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
