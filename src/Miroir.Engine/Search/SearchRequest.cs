using System.Text.Json;

namespace Miroir.Engine.Search;

/// <summary>
/// A validated search request, parsed from the POST body or the GET query string.
/// <see cref="Filter"/> stays raw JSON (string or nested arrays) for the filter parser.
/// </summary>
public sealed record SearchRequest
{
    public string? Q { get; init; }

    public int Offset { get; init; }

    public int Limit { get; init; } = 20;

    /// <summary>Set when the client used page-based pagination.</summary>
    public int? Page { get; init; }

    public int? HitsPerPage { get; init; }

    public JsonElement? Filter { get; init; }

    public IReadOnlyList<string>? Facets { get; init; }

    public IReadOnlyList<string>? AttributesToRetrieve { get; init; }

    public IReadOnlyList<string>? AttributesToCrop { get; init; }

    public int CropLength { get; init; } = 10;

    public string CropMarker { get; init; } = "…";

    public IReadOnlyList<string>? AttributesToHighlight { get; init; }

    public string HighlightPreTag { get; init; } = "<em>";

    public string HighlightPostTag { get; init; } = "</em>";

    public bool ShowMatchesPosition { get; init; }

    public IReadOnlyList<string>? Sort { get; init; }

    public MatchingStrategy MatchingStrategy { get; init; } = MatchingStrategy.Last;

    public bool ShowRankingScore { get; init; }

    public bool ShowRankingScoreDetails { get; init; }

    public double? RankingScoreThreshold { get; init; }

    public IReadOnlyList<string>? AttributesToSearchOn { get; init; }

    public string? Distinct { get; init; }

    public float[]? Vector { get; init; }

    public HybridQuery? Hybrid { get; init; }

    public bool RetrieveVectors { get; init; }

    /// <summary>
    /// Equal hits go by primary key (ordinal) instead of internal id, and each hit carries it as <c>_miroir_id</c>:
    /// asked by the orchestrator (<see cref="PrimaryKeyTieBreak.Header"/>), whose merged pages must not depend on
    /// which replica answered, and replicas agree on primary keys but not on internal ids.
    /// </summary>
    public bool TieBreakByPrimaryKey { get; init; }

    /// <summary>True when the response uses page/hitsPerPage/totalHits/totalPages.</summary>
    public bool IsPaged => Page is not null || HitsPerPage is not null;

    /// <summary><c>hitsPerPage</c> with its default.</summary>
    public int PageSize => HitsPerPage ?? 20;

    /// <summary>
    /// The hits to skip and return: page/hitsPerPage converted, page 0 asking for none (as Meilisearch does);
    /// otherwise offset/limit.
    /// </summary>
    public (int Offset, int Limit) Window() => !IsPaged
        ? (Offset, Limit)
        : Page is 0 ? (0, 0) : (((Page ?? 1) - 1) * PageSize, PageSize);
}

/// <summary>The <c>hybrid</c> search parameter.</summary>
public sealed record HybridQuery(string Embedder, double SemanticRatio = 0.5);
