using System.Text.Json;
using Miroir.Engine.Indexing;

namespace Miroir.Engine.Search.Federation;

/// <summary>
/// What <see cref="MultiSearch"/> needs from an index: a full search response for plain queries,
/// and for federated ones the ranked hits (scores always computed) plus a way to write one hit.
/// Errors are thrown as <see cref="Meili.Errors.MeiliException"/>.
/// </summary>
public interface IMultiSearchIndex
{
    string Uid { get; }

    /// <summary><c>pagination.maxTotalHits</c> of the index: caps what a federated query ranks.</summary>
    int MaxTotalHits { get; }

    /// <summary>Writes the complete search response object, exactly as <c>POST /search</c> would.</summary>
    void WriteSearchResponse(SearchRequest request, Utf8JsonWriter writer);

    /// <summary>Ranks the first <paramref name="required"/> hits of the query (offset 0).</summary>
    FederatedQueryResult SearchRanked(SearchRequest request, int required);

    /// <summary>
    /// Writes hit <paramref name="hitIndex"/> of <paramref name="result"/> as a JSON object
    /// formatted per its query, calling <paramref name="writeExtra"/> before the closing brace.
    /// </summary>
    void WriteHit(FederatedQueryResult result, int hitIndex, Utf8JsonWriter writer, Action<Utf8JsonWriter> writeExtra);

    /// <summary>Facet distribution and stats of <paramref name="facets"/> over <paramref name="candidates"/>.</summary>
    ComputedFacets ComputeFacets(IReadOnlyList<string> facets, DocSet candidates);

    /// <summary>How the index orders the values of a facet: <c>alpha</c> or <c>count</c>.</summary>
    string FacetOrder(string facet);
}

/// <summary>The ranked hits of one federated query; <see cref="State"/> belongs to the index.</summary>
public sealed class FederatedQueryResult(IReadOnlyList<FederatedHit> hits, DocSet candidates, bool isSemantic, object? state)
{
    public IReadOnlyList<FederatedHit> Hits { get; } = hits;

    /// <summary>Every document the query matched (for <c>estimatedTotalHits</c> and facets).</summary>
    public DocSet Candidates { get; } = candidates;

    /// <summary>True when the query ran a semantic or hybrid search.</summary>
    public bool IsSemantic { get; } = isSemantic;

    public object? State { get; } = state;
}

/// <summary>One ranked hit: internal id, global ranking score, and whether vectors ranked it.</summary>
public readonly record struct FederatedHit(int DocId, double Score, bool FromSemantic = false);

/// <summary>A facet distribution (values in the index's order) and numeric stats.</summary>
public sealed class ComputedFacets(
    IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, long>>> distribution,
    IReadOnlyDictionary<string, (double Min, double Max)> stats)
{
    public IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, long>>> Distribution { get; } = distribution;

    public IReadOnlyDictionary<string, (double Min, double Max)> Stats { get; } = stats;
}
