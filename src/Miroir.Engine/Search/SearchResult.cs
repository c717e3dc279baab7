using Miroir.Engine.Indexing;
using Miroir.Engine.Ranking;

namespace Miroir.Engine.Search;

/// <summary>The outcome of <c>EngineIndex.Search</c>, ready for <see cref="SearchResponseWriter"/>.</summary>
public sealed class SearchResult
{
    public required SearchRequest Request { get; init; }

    public required IReadOnlyList<SearchHit> Hits { get; init; }

    /// <summary>Matching documents, capped by <c>pagination.maxTotalHits</c>.</summary>
    public required int TotalHits { get; init; }

    /// <summary>The offset/limit actually applied (page mode converts page/hitsPerPage to these).</summary>
    public required int Offset { get; init; }

    public required int Limit { get; init; }

    /// <summary>All matching document ids (before paging), for facets and hybrid search.</summary>
    public required DocSet Candidates { get; init; }

    public int ProcessingTimeMs { get; set; }

    /// <summary>What highlighting and cropping need to recognise matched words.</summary>
    internal MatchingWords MatchingWords { get; init; } = MatchingWords.None;

    internal HitFormatterContext Formatter { get; init; } = null!;

    /// <summary>Worked out on first use; immutable, so a race only builds it twice.</summary>
    internal HitPlan HitPlan => _hitPlan ??= new HitPlan(Formatter.Settings, Request);

    /// <summary>The hits' formatting buffers; used under <see cref="HitFormatterContext.Sync"/> only.</summary>
    internal TextFormatter TextFormatter => _textFormatter ??= new TextFormatter(Formatter.Tokenizer, MatchingWords);

    private HitPlan? _hitPlan;
    private TextFormatter? _textFormatter;

    /// <summary>
    /// A JSON object holding <c>facetDistribution</c> and <c>facetStats</c>, computed under the
    /// index lock; null when no facets were asked or no field index is attached.
    /// </summary>
    public ReadOnlyMemory<byte>? FacetJson { get; init; }

    /// <summary><c>semanticHitCount</c>: set for semantic and hybrid searches only.</summary>
    public int? SemanticHitCount { get; init; }

    /// <summary><c>queryVector</c>: the query's vector, reported with <c>retrieveVectors</c>.</summary>
    public float[]? QueryVector { get; init; }

    /// <summary>Each hit's <c>_vectors</c> value (by internal id), rendered under the index lock when <c>retrieveVectors</c> is on.</summary>
    public IReadOnlyDictionary<int, byte[]>? VectorsJson { get; init; }
}
