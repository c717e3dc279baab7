using Miroir.Engine.Ranking;

namespace Miroir.Engine.Search;

/// <summary>One ranked document of a search: its ids, raw JSON, score and score details.</summary>
public sealed class SearchHit
{
    public required int DocId { get; init; }

    public required string ExternalId { get; init; }

    /// <summary>The stored document, UTF-8 JSON.</summary>
    public required ReadOnlyMemory<byte> Json { get; init; }

    /// <summary><c>_rankingScore</c>: the relevancy ranks folded lexicographically, in [0, 1].</summary>
    public required double Score { get; init; }

    /// <summary>Score details in ranking-rule order (sort entries included).</summary>
    public required ScoreDetail[] Details { get; init; }

    /// <summary>Distance in meters to the first <c>_geoPoint</c> sort point, when there is one.</summary>
    public double? GeoDistance { get; init; }
}
