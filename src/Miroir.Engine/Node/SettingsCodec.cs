using System.Buffers;
using System.Text.Json;
using Miroir.Engine.Errors;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Node;

/// <summary>
/// Settings to and from JSON for the node (GET /settings, patches, snapshots). An interim
/// subset until the settings team's SettingsJson is wired: list settings, distinct attribute,
/// pagination and the scalar switches.
/// </summary>
internal static class SettingsCodec
{
    public static byte[] Write(IndexSettings s)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            Write(w, s);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter w, IndexSettings s)
    {
        w.WriteStartObject();
        WriteList(w, "displayedAttributes", s.DisplayedAttributes);
        WriteList(w, "searchableAttributes", s.SearchableAttributes);
        WriteList(w, "filterableAttributes", s.FilterableAttributes);
        WriteList(w, "sortableAttributes", s.SortableAttributes);
        WriteList(w, "rankingRules", s.RankingRules);
        WriteList(w, "stopWords", s.StopWords);
        WriteList(w, "nonSeparatorTokens", s.NonSeparatorTokens);
        WriteList(w, "separatorTokens", s.SeparatorTokens);
        WriteList(w, "dictionary", s.Dictionary);
        w.WriteStartObject("synonyms");
        foreach (var (word, synonyms) in s.Synonyms)
        {
            WriteList(w, word, synonyms);
        }
        w.WriteEndObject();
        if (s.DistinctAttribute is null)
        {
            w.WriteNull("distinctAttribute");
        }
        else
        {
            w.WriteString("distinctAttribute", s.DistinctAttribute);
        }
        w.WriteString("proximityPrecision", s.ProximityPrecision);
        w.WriteStartObject("typoTolerance");
        w.WriteBoolean("enabled", s.TypoTolerance.Enabled);
        w.WriteStartObject("minWordSizeForTypos");
        w.WriteNumber("oneTypo", s.TypoTolerance.OneTypo);
        w.WriteNumber("twoTypos", s.TypoTolerance.TwoTypos);
        w.WriteEndObject();
        WriteList(w, "disableOnWords", s.TypoTolerance.DisableOnWords);
        WriteList(w, "disableOnAttributes", s.TypoTolerance.DisableOnAttributes);
        w.WriteBoolean("disableOnNumbers", s.TypoTolerance.DisableOnNumbers);
        w.WriteEndObject();
        w.WriteStartObject("faceting");
        w.WriteNumber("maxValuesPerFacet", s.Faceting.MaxValuesPerFacet);
        w.WriteStartObject("sortFacetValuesBy");
        foreach (var (facet, order) in s.Faceting.SortFacetValuesBy)
        {
            w.WriteString(facet, order);
        }
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("pagination");
        w.WriteNumber("maxTotalHits", s.MaxTotalHits);
        w.WriteEndObject();
        w.WriteStartObject("embedders");
        w.WriteEndObject();
        if (s.SearchCutoffMs is { } cutoff)
        {
            w.WriteNumber("searchCutoffMs", cutoff);
        }
        else
        {
            w.WriteNull("searchCutoffMs");
        }
        w.WriteNull("localizedAttributes");
        w.WriteBoolean("facetSearch", s.FacetSearch);
        w.WriteString("prefixSearch", s.PrefixSearch);
        w.WriteEndObject();
    }

    public static IndexSettings Read(byte[] json)
    {
        using var doc = JsonDocument.Parse(json);
        return ApplyPatch(IndexSettings.Default, doc.RootElement);
    }

    /// <summary>Applies a PATCH body; a null member resets that setting to its default.</summary>
    public static IndexSettings ApplyPatch(IndexSettings s, JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            throw new MeiliException(ErrorCode.BadRequest, "Invalid value type: expected an object, but found " + patch.ValueKind.ToString().ToLowerInvariant() + ".");
        }
        var d = IndexSettings.Default;
        foreach (var p in patch.EnumerateObject())
        {
            var v = p.Value;
            var reset = v.ValueKind == JsonValueKind.Null;
            s = p.Name switch
            {
                "displayedAttributes" => s with { DisplayedAttributes = reset ? d.DisplayedAttributes : List(p) },
                "searchableAttributes" => s with { SearchableAttributes = reset ? d.SearchableAttributes : List(p) },
                "filterableAttributes" => s with { FilterableAttributes = reset ? d.FilterableAttributes : List(p) },
                "sortableAttributes" => s with { SortableAttributes = reset ? d.SortableAttributes : List(p) },
                "rankingRules" => s with { RankingRules = reset ? d.RankingRules : List(p) },
                "stopWords" => s with { StopWords = reset ? d.StopWords : List(p) },
                "nonSeparatorTokens" => s with { NonSeparatorTokens = reset ? d.NonSeparatorTokens : List(p) },
                "separatorTokens" => s with { SeparatorTokens = reset ? d.SeparatorTokens : List(p) },
                "dictionary" => s with { Dictionary = reset ? d.Dictionary : List(p) },
                "distinctAttribute" => s with { DistinctAttribute = reset ? null : v.GetString() },
                "proximityPrecision" => s with { ProximityPrecision = reset ? d.ProximityPrecision : v.GetString()! },
                "pagination" => s with { MaxTotalHits = reset || !v.TryGetProperty("maxTotalHits", out var m) ? d.MaxTotalHits : m.GetInt32() },
                "searchCutoffMs" => s with { SearchCutoffMs = reset ? null : v.GetInt32() },
                "facetSearch" => s with { FacetSearch = reset || v.GetBoolean() },
                "prefixSearch" => s with { PrefixSearch = reset ? d.PrefixSearch : v.GetString()! },
                _ => s,
            };
        }
        return s;
    }

    private static string[] List(JsonProperty p)
    {
        if (p.Value.ValueKind != JsonValueKind.Array || p.Value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw new MeiliException(ErrorCode.BadRequest,
                $"Invalid value type at `.{p.Name}`: expected an array of strings.");
        }
        return [.. p.Value.EnumerateArray().Select(e => e.GetString()!)];
    }

    private static void WriteList(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }
        w.WriteEndArray();
    }
}
