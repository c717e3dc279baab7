namespace Miroir.Engine.Search;

/// <summary>A validated POST /facet-search body: the facet, its prefix query and the search narrowing it.</summary>
public sealed class FacetSearchRequest
{
    public required string FacetName { get; init; }

    /// <summary>The prefix typed by the user; null lists the most frequent values.</summary>
    public string? FacetQuery { get; init; }

    /// <summary>The search part (q, filter, matchingStrategy, attributesToSearchOn, vector, hybrid, threshold).</summary>
    public required SearchRequest Search { get; init; }

    public bool ExhaustiveFacetCount { get; init; }
}
