namespace Miroir.Proxy.Merging;

/// <summary>How facet values are ordered in <c>facetDistribution</c> (Meilisearch <c>sortFacetValuesBy</c>).</summary>
public enum FacetValuesOrder
{
    /// <summary>Lexicographic by value.</summary>
    Alpha,

    /// <summary>By count, highest first (ties by value).</summary>
    Count,
}

/// <summary>The index's client-visible faceting settings, applied after counts are summed across nodes.</summary>
public sealed class FacetMergeOptions
{
    public static FacetMergeOptions Default { get; } = new();

    /// <summary>Values kept per facet (Meilisearch default 100).</summary>
    public int MaxValuesPerFacet { get; init; } = 100;

    /// <summary>Order for facets not listed in <see cref="OrderByFacet"/> (the <c>"*"</c> entry).</summary>
    public FacetValuesOrder DefaultOrder { get; init; } = FacetValuesOrder.Alpha;

    /// <summary>Per-facet order overrides.</summary>
    public IReadOnlyDictionary<string, FacetValuesOrder>? OrderByFacet { get; init; }

    internal FacetValuesOrder OrderOf(string facet) =>
        OrderByFacet is not null && OrderByFacet.TryGetValue(facet, out var order) ? order : DefaultOrder;
}
