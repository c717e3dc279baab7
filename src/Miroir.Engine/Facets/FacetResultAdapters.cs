using Miroir.Engine.Search.Federation;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Facets;

/// <summary>Bridges facet results to the multi-search contracts (<see cref="IMultiSearchIndex"/>).</summary>
public static class FacetResultAdapters
{
    /// <summary>The shape <see cref="IMultiSearchIndex.ComputeFacets"/> returns, values kept in display order.</summary>
    public static ComputedFacets ToComputedFacets(this FacetResult result)
    {
        var distribution = new Dictionary<string, IReadOnlyList<KeyValuePair<string, long>>>(StringComparer.Ordinal);
        foreach (var facet in result.Distribution)
        {
            var values = new KeyValuePair<string, long>[facet.Values.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = new(facet.Values[i].Value, facet.Values[i].Count);
            }
            distribution[facet.Facet] = values;
        }
        var stats = new Dictionary<string, (double Min, double Max)>(StringComparer.Ordinal);
        foreach (var stat in result.Stats)
        {
            stats[stat.Facet] = (stat.Min, stat.Max);
        }
        return new ComputedFacets(distribution, stats);
    }

    /// <summary><c>alpha</c> or <c>count</c> for a facet, per <c>faceting.sortFacetValuesBy</c> (for <see cref="IMultiSearchIndex.FacetOrder"/>).</summary>
    public static string FacetOrder(this FacetingSettings faceting, string facet) =>
        FacetCounter.SortsByCount(faceting.SortFacetValuesBy, facet) ? "count" : "alpha";
}
