namespace Miroir.Engine.Facets;

/// <summary>One facet value as shown to clients (original spelling) and its document count.</summary>
public readonly record struct FacetCount(string Value, int Count);

/// <summary>The distribution of one facet: its values in display order, already capped.</summary>
public sealed record FacetCounts(string Facet, IReadOnlyList<FacetCount> Values);

/// <summary>Minimum and maximum of the numeric values of one facet among the candidates.</summary>
public readonly record struct FacetStat(string Facet, double Min, double Max);

/// <summary>What a search with <c>facets</c> reports: <c>facetDistribution</c> and <c>facetStats</c>, facets sorted by name.</summary>
public sealed record FacetResult(IReadOnlyList<FacetCounts> Distribution, IReadOnlyList<FacetStat> Stats);
