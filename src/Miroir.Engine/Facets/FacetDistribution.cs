using Miroir.Engine.Filtering;
using Miroir.Engine.Indexing;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Facets;

/// <summary>Computes <c>facetDistribution</c> and <c>facetStats</c> for the candidates of a search.</summary>
public static class FacetDistribution
{
    /// <summary>
    /// Validates <paramref name="facets"/> (throws <c>invalid_search_facets</c>), then counts each
    /// facet's values among <paramref name="candidates"/>, ordered per
    /// <c>faceting.sortFacetValuesBy</c> and cut at <c>faceting.maxValuesPerFacet</c>.
    /// </summary>
    public static FacetResult Compute(FieldValueIndex index, DocSet candidates, IReadOnlyList<string> facets, FacetingSettings faceting)
    {
        var names = FacetNames.Resolve(index, facets);
        var distribution = new List<FacetCounts>(names.Count);
        var stats = new List<FacetStat>();
        var candidateCount = names.Count == 0 ? 0 : candidates.Count();
        foreach (var name in names)
        {
            var column = index.GetColumn(name);
            if (column is null)
            {
                distribution.Add(new FacetCounts(name, []));
                continue;
            }
            var counted = FacetCounter.Top(column, candidates, candidateCount,
                FacetCounter.SortsByCount(faceting.SortFacetValuesBy, name), faceting.MaxValuesPerFacet);
            var values = new FacetCount[counted.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = new FacetCount(counted[i].Value.Display, counted[i].Count);
            }
            distribution.Add(new FacetCounts(name, values));
            if (column.HasNumbers && TryNumberStats(column, candidates, candidateCount, out var min, out var max))
            {
                stats.Add(new FacetStat(name, min, max));
            }
        }
        return new FacetResult(distribution, stats);
    }

    /// <summary>Min and max number among the candidates, from the sorted number run.</summary>
    internal static bool TryNumberStats(FieldColumn column, DocSet candidates, int candidateCount, out double min, out double max)
    {
        var run = column.Numbers;
        min = max = 0;
        if (candidateCount * 8L < run.Numbers.Length)
        {
            // Few candidates: look at their own values rather than scanning a long run.
            var found = false;
            var scratch = 0;
            foreach (var doc in candidates)
            {
                foreach (var id in column.ValuesOf(doc, ref scratch))
                {
                    var value = column.Values[id];
                    if (value.IsNumber)
                    {
                        min = found ? Math.Min(min, value.Number) : value.Number;
                        max = found ? Math.Max(max, value.Number) : value.Number;
                        found = true;
                    }
                }
            }
            return found;
        }
        var first = 0;
        while (first < run.Docs.Length && !candidates.Contains(run.Docs[first]))
        {
            first++;
        }
        if (first == run.Docs.Length)
        {
            return false;
        }
        var last = run.Docs.Length - 1;
        while (!candidates.Contains(run.Docs[last]))
        {
            last--;
        }
        min = run.Numbers[first];
        max = run.Numbers[last];
        return true;
    }
}
