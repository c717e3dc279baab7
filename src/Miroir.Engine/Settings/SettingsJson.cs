using System.Text.Json;
using Miroir.Meili.Errors;

using Miroir.Meili.Validation;

namespace Miroir.Engine.Settings;

/// <summary>
/// JSON reading and writing of <see cref="IndexSettings"/> with Meilisearch's shapes, defaults,
/// validation and sub-routes. One table (<see cref="Descriptors"/>) drives everything, so the
/// server serves <c>/settings</c> and every <c>/settings/{sub-route}</c> from it.
/// </summary>
public static partial class SettingsJson
{
    /// <summary>How one setting is written, applied (merging into the current value) and reset.</summary>
    private sealed record Descriptor(
        string Key,
        string Route,
        string UpdateMethod,
        ErrorCode Code,
        Action<Utf8JsonWriter, IndexSettings> Write,
        Func<IndexSettings, JsonElement, string, bool, IndexSettings> Apply,
        Func<IndexSettings, IndexSettings> Reset);

    private static readonly IndexSettings D = IndexSettings.Default;
    private static readonly string[] ProximityValues = ["byWord", "byAttribute"];
    private static readonly string[] PrefixSearchValues = ["indexingTime", "disabled"];

    // Order = Meilisearch's GET /settings key order.
    private static readonly Descriptor[] Descriptors =
    [
        new("displayedAttributes", "displayed-attributes", "PUT", ErrorCode.InvalidSettingsDisplayedAttributes,
            (w, s) => WriteList(w, s.DisplayedAttributes),
            (s, v, p, _) => s with { DisplayedAttributes = Wildcard(JsonValues.StringList(v, ErrorCode.InvalidSettingsDisplayedAttributes, p)) },
            s => s with { DisplayedAttributes = D.DisplayedAttributes }),
        new("searchableAttributes", "searchable-attributes", "PUT", ErrorCode.InvalidSettingsSearchableAttributes,
            (w, s) => WriteList(w, s.SearchableAttributes),
            (s, v, p, _) => s with { SearchableAttributes = Wildcard(JsonValues.StringList(v, ErrorCode.InvalidSettingsSearchableAttributes, p)) },
            s => s with { SearchableAttributes = D.SearchableAttributes }),
        new("filterableAttributes", "filterable-attributes", "PUT", ErrorCode.InvalidSettingsFilterableAttributes,
            WriteFilterable,
            (s, v, p, _) => ReadFilterable(s, v, p),
            s => s with { FilterableAttributes = D.FilterableAttributes, FilterableAttributeRules = null }),
        new("sortableAttributes", "sortable-attributes", "PUT", ErrorCode.InvalidSettingsSortableAttributes,
            (w, s) => WriteSet(w, s.SortableAttributes),
            (s, v, p, _) => s with { SortableAttributes = JsonValues.StringList(v, ErrorCode.InvalidSettingsSortableAttributes, p) },
            s => s with { SortableAttributes = D.SortableAttributes }),
        new("rankingRules", "ranking-rules", "PUT", ErrorCode.InvalidSettingsRankingRules,
            (w, s) => WriteList(w, s.RankingRules),
            (s, v, p, _) => s with { RankingRules = ReadRankingRules(v, p) },
            s => s with { RankingRules = D.RankingRules }),
        new("stopWords", "stop-words", "PUT", ErrorCode.InvalidSettingsStopWords,
            (w, s) => WriteSet(w, s.StopWords),
            (s, v, p, _) => s with { StopWords = JsonValues.StringList(v, ErrorCode.InvalidSettingsStopWords, p) },
            s => s with { StopWords = D.StopWords }),
        new("nonSeparatorTokens", "non-separator-tokens", "PUT", ErrorCode.InvalidSettingsNonSeparatorTokens,
            (w, s) => WriteSet(w, s.NonSeparatorTokens),
            (s, v, p, _) => s with { NonSeparatorTokens = JsonValues.StringList(v, ErrorCode.InvalidSettingsNonSeparatorTokens, p) },
            s => s with { NonSeparatorTokens = D.NonSeparatorTokens }),
        new("separatorTokens", "separator-tokens", "PUT", ErrorCode.InvalidSettingsSeparatorTokens,
            (w, s) => WriteSet(w, s.SeparatorTokens),
            (s, v, p, _) => s with { SeparatorTokens = JsonValues.StringList(v, ErrorCode.InvalidSettingsSeparatorTokens, p) },
            s => s with { SeparatorTokens = D.SeparatorTokens }),
        new("dictionary", "dictionary", "PUT", ErrorCode.InvalidSettingsDictionary,
            (w, s) => WriteSet(w, s.Dictionary),
            (s, v, p, _) => s with { Dictionary = JsonValues.StringList(v, ErrorCode.InvalidSettingsDictionary, p) },
            s => s with { Dictionary = D.Dictionary }),
        new("synonyms", "synonyms", "PUT", ErrorCode.InvalidSettingsSynonyms,
            WriteSynonyms,
            (s, v, p, _) => s with { Synonyms = ReadSynonyms(v, p) },
            s => s with { Synonyms = D.Synonyms }),
        new("distinctAttribute", "distinct-attribute", "PUT", ErrorCode.InvalidSettingsDistinctAttribute,
            (w, s) => WriteNullableString(w, s.DistinctAttribute),
            (s, v, p, _) => s with { DistinctAttribute = JsonValues.String(v, ErrorCode.InvalidSettingsDistinctAttribute, p) },
            s => s with { DistinctAttribute = null }),
        new("proximityPrecision", "proximity-precision", "PUT", ErrorCode.InvalidSettingsProximityPrecision,
            (w, s) => w.WriteStringValue(s.ProximityPrecision),
            (s, v, p, _) => s with { ProximityPrecision = ReadEnum(v, p, ErrorCode.InvalidSettingsProximityPrecision, ProximityValues) },
            s => s with { ProximityPrecision = D.ProximityPrecision }),
        new("typoTolerance", "typo-tolerance", "PATCH", ErrorCode.InvalidSettingsTypoTolerance,
            WriteTypoTolerance,
            (s, v, p, strict) => s with { TypoTolerance = ReadTypoTolerance(s.TypoTolerance, v, p, strict) },
            s => s with { TypoTolerance = D.TypoTolerance }),
        new("faceting", "faceting", "PATCH", ErrorCode.InvalidSettingsFaceting,
            WriteFaceting,
            (s, v, p, _) => s with { Faceting = ReadFaceting(s.Faceting, v, p) },
            s => s with { Faceting = D.Faceting }),
        new("pagination", "pagination", "PATCH", ErrorCode.InvalidSettingsPagination,
            WritePagination,
            (s, v, p, _) => s with { MaxTotalHits = ReadPagination(s.MaxTotalHits, v, p) },
            s => s with { MaxTotalHits = D.MaxTotalHits }),
        new("embedders", "embedders", "PATCH", ErrorCode.InvalidSettingsEmbedders,
            WriteEmbedders,
            (s, v, p, _) => s with { Embedders = ReadEmbedders(s.Embedders, v, p) },
            s => s with { Embedders = D.Embedders }),
        new("searchCutoffMs", "search-cutoff-ms", "PUT", ErrorCode.InvalidSettingsSearchCutoffMs,
            (w, s) => WriteNullableInt(w, s.SearchCutoffMs),
            (s, v, p, _) => s with { SearchCutoffMs = JsonValues.PositiveInt(v, ErrorCode.InvalidSettingsSearchCutoffMs, p) },
            s => s with { SearchCutoffMs = null }),
        new("localizedAttributes", "localized-attributes", "PUT", ErrorCode.InvalidSettingsLocalizedAttributes,
            (w, _) => w.WriteNullValue(),
            (s, v, p, _) => ValidateLocalized(s, v, p),
            s => s),
        new("facetSearch", "facet-search", "PUT", ErrorCode.InvalidSettingsFacetSearch,
            (w, s) => w.WriteBooleanValue(s.FacetSearch),
            (s, v, p, _) => s with { FacetSearch = JsonValues.Bool(v, ErrorCode.InvalidSettingsFacetSearch, p) },
            s => s with { FacetSearch = D.FacetSearch }),
        new("prefixSearch", "prefix-search", "PUT", ErrorCode.InvalidSettingsPrefixSearch,
            (w, s) => w.WriteStringValue(s.PrefixSearch),
            (s, v, p, _) => s with { PrefixSearch = ReadEnum(v, p, ErrorCode.InvalidSettingsPrefixSearch, PrefixSearchValues) },
            s => s with { PrefixSearch = D.PrefixSearch }),
    ];

    /// <summary>Every top-level settings key, in Meilisearch's order.</summary>
    public static readonly IReadOnlyList<string> Keys = Descriptors.Select(d => d.Key).ToArray();

    /// <summary>Every sub-route with its JSON key and update method.</summary>
    public static readonly IReadOnlyList<SettingsRoute> Routes =
        Descriptors.Select(d => new SettingsRoute(d.Route, d.Key, d.UpdateMethod)).ToArray();

    /// <summary>The sub-route named <paramref name="route"/> (e.g. <c>typo-tolerance</c>), or null.</summary>
    public static SettingsRoute? FindRoute(string route)
    {
        foreach (var r in Routes)
        {
            if (r.Route == route)
            {
                return r;
            }
        }

        return null;
    }

    /// <summary>A list containing <c>*</c> anywhere means every field, as in Meilisearch.</summary>
    private static IReadOnlyList<string> Wildcard(List<string> fields) => fields.Contains("*") ? D.DisplayedAttributes : fields;

    private static Descriptor Find(string key) =>
        Array.Find(Descriptors, d => d.Key == key) ?? throw new ArgumentException($"Unknown setting `{key}`.", nameof(key));
}
