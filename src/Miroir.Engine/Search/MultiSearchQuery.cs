namespace Miroir.Engine.Search;

/// <summary>One entry of <c>queries</c>: the target index, its search and its federation weight.</summary>
public sealed class MultiSearchQuery
{
    public required string IndexUid { get; init; }

    public required SearchRequest Search { get; init; }

    /// <summary><c>federationOptions.weight</c>: multiplies the ranking scores of this query's hits.</summary>
    public double Weight { get; init; } = 1.0;

    /// <summary>Position of the query in the request (its <c>queryPosition</c> in federated hits).</summary>
    public int Position { get; init; }
}
