namespace Miroir.Engine.Search.Federation;

/// <summary>A <c>POST /multi-search</c> body: the queries, and <c>federation</c> when results merge.</summary>
public sealed class MultiSearchRequest
{
    public required IReadOnlyList<MultiSearchQuery> Queries { get; init; }

    /// <summary>Null for a plain multi-search (one response per query, in input order).</summary>
    public FederationSettings? Federation { get; init; }
}

/// <summary>One entry of <c>queries</c>: an index, its search parameters and federation options.</summary>
public sealed class MultiSearchQuery
{
    public required string IndexUid { get; init; }

    public required SearchRequest Search { get; init; }

    public FederationOptions? FederationOptions { get; init; }

    /// <summary>
    /// The first pagination parameter the client set (<c>offset</c>, <c>limit</c>, <c>page</c>,
    /// <c>hitsPerPage</c>), which a federated query refuses; null when none was set.
    /// </summary>
    public string? PaginationParameter { get; init; }
}
