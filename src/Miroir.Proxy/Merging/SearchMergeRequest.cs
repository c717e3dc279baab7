namespace Miroir.Proxy.Merging;

/// <summary>What the client asked for, as far as merging node responses is concerned.</summary>
public sealed class SearchMergeRequest
{
    /// <summary>Echoed as <c>query</c>.</summary>
    public string Query { get; init; } = "";

    public SearchPaging Paging { get; init; } = SearchPaging.OffsetLimit(0, 20);

    /// <summary>Keep <c>_rankingScore</c> in hits (nodes always send it; it is stripped otherwise).</summary>
    public bool ShowRankingScore { get; init; }

    /// <summary>Keep <c>_rankingScoreDetails</c> in hits.</summary>
    public bool ShowRankingScoreDetails { get; init; }

    /// <summary>The client's sort, e.g. <c>["price:asc", "_geoPoint(1,2):asc"]</c>. When set, nodes must be asked for
    /// <c>showRankingScoreDetails</c>: hits are then ordered by the ranking rules' values in rule order (sort values
    /// included), which the details carry, rather than by <c>_rankingScore</c> alone.</summary>
    public IReadOnlyList<string>? Sort { get; init; }

    /// <summary>The index's primary key (for diagnostics; ties go by the nodes' <c>_miroir_id</c>, see <see cref="Reads.NodeTieBreak"/>).</summary>
    public string? PrimaryKey { get; init; }

    /// <summary>The orchestrator's wall time for the whole request.</summary>
    public long ProcessingTimeMs { get; init; }

    /// <summary>The index's <c>pagination.maxTotalHits</c>: nodes cap their own totals at it, so the summed total is
    /// capped again (null leaves the sum as is).</summary>
    public long? MaxTotalHits { get; init; }

    /// <summary>A hybrid search whose nodes were asked for score details: <c>semanticHitCount</c> is then the number of
    /// the page's hits the vector side ranked, as one node counts it, rather than a sum over nodes.</summary>
    public bool CountSemanticHits { get; init; }

    /// <summary>The hybrid search's <c>semanticRatio</c> (Meilisearch's default 0.5): hits merge by weighted score.</summary>
    public double SemanticRatio { get; init; } = 0.5;

    public FacetMergeOptions Facets { get; init; } = FacetMergeOptions.Default;
}
