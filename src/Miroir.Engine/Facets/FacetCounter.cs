using System.Buffers;
using Miroir.Engine.Filtering;
using Miroir.Engine.Indexing;

namespace Miroir.Engine.Facets;

/// <summary>
/// Counts, per value of one column, the candidates holding it. Two strategies, picked by cost:
/// intersecting each value's set with the candidates (few distinct values, e.g. <c>section</c>)
/// or walking the candidates' value ids (many values, few candidates, e.g. tags).
/// </summary>
internal static class FacetCounter
{
    /// <summary>The values with a non-zero count among <paramref name="candidates"/>.</summary>
    public static List<(FacetValue Value, int Count)> Count(FieldColumn column, DocSet candidates, int candidateCount, bool stringsOnly = false)
    {
        var values = column.Values;
        var result = new List<(FacetValue, int)>();
        var live = 0;
        foreach (var value in values)
        {
            if (value.Count > 0)
            {
                live++;
            }
        }
        // A set intersection costs one pass over the bitmap words; a walk costs a few lookups per candidate.
        var words = (candidates.Capacity >> 6) + 1;
        if ((long)live * words <= (long)candidateCount * 4)
        {
            foreach (var value in values)
            {
                if (value.Count > 0 && !(stringsOnly && value.IsNumber))
                {
                    var count = value.Docs.CountIntersection(candidates);
                    if (count > 0)
                    {
                        result.Add((value, count));
                    }
                }
            }
            return result;
        }

        var counts = ArrayPool<int>.Shared.Rent(values.Count);
        try
        {
            Array.Clear(counts, 0, values.Count);
            var scratch = 0;
            foreach (var doc in candidates)
            {
                foreach (var id in column.ValuesOf(doc, ref scratch))
                {
                    counts[id]++;
                }
            }
            for (var id = 0; id < values.Count; id++)
            {
                if (counts[id] > 0 && !(stringsOnly && values[id].IsNumber))
                {
                    result.Add((values[id], counts[id]));
                }
            }
            return result;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    /// <summary>Orders counted values: <c>alpha</c> puts numbers first (ascending) then strings by key; <c>count</c> sorts by count descending, ties alphabetical.</summary>
    public static void Order(List<(FacetValue Value, int Count)> values, bool byCount)
    {
        values.Sort((a, b) =>
        {
            if (byCount && a.Count != b.Count)
            {
                return b.Count.CompareTo(a.Count);
            }
            return Alpha(a.Value, b.Value);
        });
    }

    public static int Alpha(FacetValue a, FacetValue b)
    {
        if (a.IsNumber != b.IsNumber)
        {
            return a.IsNumber ? -1 : 1;
        }
        return a.IsNumber ? a.Number.CompareTo(b.Number) : string.CompareOrdinal(a.Key, b.Key);
    }

    /// <summary>Whether <c>sortFacetValuesBy</c> asks for <c>count</c> on this facet (exact name, then <c>*</c>).</summary>
    public static bool SortsByCount(IReadOnlyDictionary<string, string> sortFacetValuesBy, string facet) =>
        (sortFacetValuesBy.TryGetValue(facet, out var order) || sortFacetValuesBy.TryGetValue("*", out order))
        && order == "count";
}
