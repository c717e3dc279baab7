using Miroir.Meili.Errors;
using Miroir.Engine.Filtering;
using Miroir.Engine.Indexing;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Facets;

/// <summary>The answer of <c>POST /indexes/{uid}/facet-search</c> minus the timing.</summary>
public sealed record FacetSearchResult(IReadOnlyList<FacetCount> Hits, string? Query);

/// <summary>
/// Facet search: the string values of one filterable facet that start with the query (after
/// normalisation), with Meilisearch's typo budget (<c>minWordSizeForTypos</c>: 1 typo from 5
/// characters, 2 from 9 by default), counted among the candidates (the documents matching
/// <c>q</c> and <c>filter</c>).
/// </summary>
public static class FacetSearch
{
    public static FacetSearchResult Search(
        FieldValueIndex index, IndexSettings settings, string facetName, string? facetQuery, DocSet candidates)
    {
        if (!index.IsFilterable(facetName))
        {
            throw new MeiliException(ErrorCode.InvalidFacetSearchFacetName, NotSearchableMessage(facetName, index.FilterableAttributes));
        }
        var column = index.GetColumn(facetName);
        if (column is null)
        {
            return new FacetSearchResult([], facetQuery);
        }
        var query = FieldColumn.Normalize(facetQuery ?? "");
        var byCount = FacetCounter.SortsByCount(settings.Faceting.SortFacetValuesBy, facetName);
        var max = settings.Faceting.MaxValuesPerFacet;
        List<(FacetValue Value, int Count)> hits;
        if (query.Length == 0)
        {
            hits = FacetCounter.Top(column, candidates, candidates.Count(), byCount, max, stringsOnly: true);
        }
        else
        {
            hits = [];
            var maxTypos = TypoBudget(settings.TypoTolerance, facetName, query);
            foreach (var value in Matches(column, query, maxTypos))
            {
                var count = value.Docs.CountIn(candidates);
                if (count > 0)
                {
                    hits.Add((value, count));
                }
            }
            FacetCounter.Order(hits, byCount);
        }
        var take = Math.Min(hits.Count, max);
        var result = new FacetCount[take];
        for (var i = 0; i < take; i++)
        {
            result[i] = new FacetCount(hits[i].Value.Display, hits[i].Count);
        }
        return new FacetSearchResult(result, facetQuery);
    }

    internal static int TypoBudget(TypoToleranceSettings typos, string facetName, string query)
    {
        if (!typos.Enabled || typos.DisableOnAttributes.Contains(facetName))
        {
            return 0;
        }
        return query.Length < typos.OneTypo ? 0 : query.Length < typos.TwoTypos ? 1 : 2;
    }

    private static IEnumerable<FacetValue> Matches(FieldColumn column, string query, int maxTypos)
    {
        var values = column.Values;
        if (maxTypos == 0)
        {
            // Exact prefixes are a contiguous run of the sorted keys.
            var ids = column.SortedStrings;
            for (var i = column.StringLowerBound(query, true); i < ids.Length; i++)
            {
                var value = values[ids[i]];
                if (!value.Key.StartsWith(query, StringComparison.Ordinal))
                {
                    yield break;
                }
                yield return value;
            }
            yield break;
        }
        foreach (var value in values)
        {
            if (!value.IsNumber && value.Count > 0 && PrefixDistance.Within(query, value.Key, maxTypos))
            {
                yield return value;
            }
        }
    }

    internal static string NotSearchableMessage(string facetName, IReadOnlyList<string> filterable) => filterable.Count == 0
        ? $"Attribute `{facetName}` is not facet-searchable. This index does not have configured facet-searchable attributes. To make it facet-searchable add it to the `filterableAttributes` index settings."
        : $"Attribute `{facetName}` is not facet-searchable. Available facet-searchable attributes are: `{string.Join(", ", filterable)}`. To make it facet-searchable add it to the `filterableAttributes` index settings.";
}
