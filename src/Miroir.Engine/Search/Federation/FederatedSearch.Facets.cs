using System.Text.Json;
using Miroir.Meili.Errors;

namespace Miroir.Engine.Search.Federation;

/// <summary><c>federation.facetsByIndex</c> and <c>federation.mergeFacets</c>.</summary>
internal static partial class FederatedSearch
{
    private static ComputedFacets? ComputeIndexFacets(FederationSettings federation, IMultiSearchIndex index, IndexResult result)
    {
        if (federation.FacetsByIndex is null || !federation.FacetsByIndex.TryGetValue(result.Uid, out var facets) || facets is null)
        {
            return null;
        }
        try
        {
            return index.ComputeFacets(facets, result.Candidates);
        }
        catch (MeiliException e)
        {
            throw MultiSearchError.InFacetsByIndex(result.Uid, result.FirstQueryIndex, e.Code, e.Message);
        }
    }

    /// <summary>Indexes named in <c>facetsByIndex</c> but not queried must still exist and facet.</summary>
    private static void CheckUnusedFacetIndexes(
        FederationSettings federation, List<IndexResult> used, Func<string, IMultiSearchIndex?> resolveIndex)
    {
        if (federation.FacetsByIndex is null)
        {
            return;
        }
        foreach (var (uid, facets) in federation.FacetsByIndex.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (used.Exists(r => r.Uid == uid))
            {
                continue;
            }
            var index = resolveIndex(uid)
                ?? throw MultiSearchError.InFacetsByIndex(uid, null, ErrorCode.IndexNotFoundInMultiSearch, $"Index `{uid}` not found.");
            if (facets is null)
            {
                continue;
            }
            try
            {
                index.ComputeFacets(facets, new Indexing.DocSet());
            }
            catch (MeiliException e)
            {
                throw MultiSearchError.InFacetsByIndex(uid, null, e.Code, e.Message);
            }
        }
    }

    /// <summary>
    /// Sums the counts of every index, orders each facet's values the way the indexes do (they
    /// must agree), truncates to <c>maxValuesPerFacet</c>, and widens the numeric stats.
    /// </summary>
    private static ComputedFacets? MergeFacets(List<IndexResult> results, MergeFacetsSettings settings, Func<string, IMultiSearchIndex?> resolveIndex)
    {
        var counts = new SortedDictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var orders = new Dictionary<string, (string Uid, string Order)>(StringComparer.Ordinal);
        var stats = new SortedDictionary<string, (double Min, double Max)>(StringComparer.Ordinal);
        var any = false;
        foreach (var result in results)
        {
            if (result.Facets is not { } facets)
            {
                continue;
            }
            any = true;
            var index = resolveIndex(result.Uid)!;
            foreach (var (facet, values) in facets.Distribution)
            {
                var order = index.FacetOrder(facet);
                if (orders.TryGetValue(facet, out var previous) && previous.Order != order)
                {
                    throw MultiSearchError.InFacetsByIndex(result.Uid, result.FirstQueryIndex, ErrorCode.InvalidMultiSearchFacetOrder,
                        $"Inconsistent order for values in facet `{facet}`: index `{previous.Uid}` orders {Describe(previous.Order)}, but index `{result.Uid}` orders {Describe(order)}.\n - Hint: Remove `federation.mergeFacets` or change `faceting.sortFacetValuesBy` to be consistent in settings.");
                }
                orders.TryAdd(facet, (result.Uid, order));
                if (!counts.TryGetValue(facet, out var merged))
                {
                    counts[facet] = merged = new Dictionary<string, long>(StringComparer.Ordinal);
                }
                foreach (var (value, count) in values)
                {
                    merged[value] = merged.GetValueOrDefault(value) + count;
                }
            }
            foreach (var (facet, (min, max)) in facets.Stats)
            {
                stats[facet] = stats.TryGetValue(facet, out var s) ? (Math.Min(s.Min, min), Math.Max(s.Max, max)) : (min, max);
            }
        }
        if (!any)
        {
            return null;
        }
        var distribution = new SortedDictionary<string, IReadOnlyList<KeyValuePair<string, long>>>(StringComparer.Ordinal);
        foreach (var (facet, values) in counts)
        {
            IEnumerable<KeyValuePair<string, long>> ordered = orders[facet].Order == "count"
                ? values.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal)
                : values.OrderBy(v => v.Key, StringComparer.Ordinal);
            if (settings.MaxValuesPerFacet is { } max)
            {
                ordered = ordered.Take(max);
            }
            distribution[facet] = ordered.ToList();
        }
        return new ComputedFacets(distribution, stats);
    }

    private static string Describe(string order) => order == "count" ? "by count" : "alphanumerically";

    private static void WriteDistribution(Utf8JsonWriter writer, string name, ComputedFacets facets)
    {
        writer.WriteStartObject(name);
        foreach (var (facet, values) in facets.Distribution)
        {
            writer.WriteStartObject(facet);
            foreach (var (value, count) in values)
            {
                writer.WriteNumber(value, count);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WriteStats(Utf8JsonWriter writer, string name, ComputedFacets facets)
    {
        writer.WriteStartObject(name);
        foreach (var (facet, (min, max)) in facets.Stats)
        {
            writer.WriteStartObject(facet);
            writer.WriteNumber("min", min);
            writer.WriteNumber("max", max);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
