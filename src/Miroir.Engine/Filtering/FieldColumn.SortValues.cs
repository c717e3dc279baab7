namespace Miroir.Engine.Filtering;

/// <summary>Per-document sort values for the ranker's <c>sort</c> rule.</summary>
public sealed partial class FieldColumn
{
    /// <summary>
    /// The value <paramref name="docId"/> sorts by: for several values, the smallest when ascending
    /// and the largest when descending, numbers winning over strings (as Meilisearch visits number
    /// facets before string facets). False when the document has no number or string here.
    /// </summary>
    public bool TryGetSortValue(int docId, bool descending, out SortValue value)
    {
        var scratch = 0;
        var ids = ValuesOf(docId, ref scratch);
        if (ids.Length == 0)
        {
            value = default;
            return false;
        }
        FacetValue? best = null;
        foreach (var id in ids)
        {
            var candidate = _values[id];
            if (best is null || Better(candidate, best, descending))
            {
                best = candidate;
            }
        }
        value = best!.IsNumber ? SortValue.FromNumber(best.Number) : SortValue.FromString(best.Key, best.Display);
        return true;
    }

    private static bool Better(FacetValue candidate, FacetValue best, bool descending)
    {
        if (candidate.IsNumber != best.IsNumber)
        {
            return candidate.IsNumber;
        }
        var c = candidate.IsNumber ? candidate.Number.CompareTo(best.Number) : string.CompareOrdinal(candidate.Key, best.Key);
        return descending ? c > 0 : c < 0;
    }
}
