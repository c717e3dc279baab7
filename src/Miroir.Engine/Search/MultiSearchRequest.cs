namespace Miroir.Engine.Search;

/// <summary>A validated POST /multi-search body: plain queries, or federated when <see cref="Federation"/> is set.</summary>
public sealed class MultiSearchRequest
{
    public required IReadOnlyList<MultiSearchQuery> Queries { get; init; }

    /// <summary>Null for a plain multi-search (one result per query, in input order).</summary>
    public FederationSettings? Federation { get; init; }

    public bool IsFederated => Federation is not null;
}
