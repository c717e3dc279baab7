namespace Miroir.Engine.Search;

/// <summary>The <c>federation</c> object: one merged, paginated hit list across the queries.</summary>
public sealed class FederationSettings
{
    public int Offset { get; init; }

    public int Limit { get; init; } = 20;

    /// <summary>Index uid to the facets to compute on it (null list means none), when given.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>?>? FacetsByIndex { get; init; }

    /// <summary>When set, facets of all indexes are merged into one distribution.</summary>
    public MergeFacetsSettings? MergeFacets { get; init; }
}

/// <summary>The <c>federation.mergeFacets</c> object.</summary>
public sealed record MergeFacetsSettings(int? MaxValuesPerFacet);
