namespace Miroir.Engine.Search.Federation;

/// <summary>The <c>federation</c> object: pagination of the merged list and facet options.</summary>
public sealed class FederationSettings
{
    public int Offset { get; init; }

    public int Limit { get; init; } = 20;

    /// <summary>Index uid to the facets wanted for it (null: the index is named but no facets).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>?> FacetsByIndex { get; init; } =
        new Dictionary<string, IReadOnlyList<string>?>();

    /// <summary>When set, facets of all indexes merge into <c>facetDistribution</c>/<c>facetStats</c>.</summary>
    public MergeFacetsSettings? MergeFacets { get; init; }
}

/// <summary>The <c>federation.mergeFacets</c> object.</summary>
public sealed record MergeFacetsSettings(int? MaxValuesPerFacet = null);

/// <summary>A query's <c>federationOptions</c>: its weight in the merged ranking.</summary>
public sealed record FederationOptions(double Weight = 1.0);
