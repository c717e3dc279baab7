namespace Miroir.Engine.Vectors;

/// <summary>
/// The page of a semantic or hybrid search: hits after <c>offset</c>/<c>limit</c>, which of them
/// came from the vector side, and the counts the response reports.
/// </summary>
public sealed class HybridResult(IReadOnlyList<HybridHit> hits, int candidateCount, int semanticHitCount, float[]? queryVector)
{
    public IReadOnlyList<HybridHit> Hits { get; } = hits;

    /// <summary>For <c>estimatedTotalHits</c> (capped by the caller at <c>maxTotalHits</c>).</summary>
    public int CandidateCount { get; } = candidateCount;

    /// <summary>The response's <c>semanticHitCount</c>: hits of the page that the vector side ranked.</summary>
    public int SemanticHitCount { get; } = semanticHitCount;

    /// <summary>The query vector, for <c>queryVector</c> when <c>retrieveVectors</c> is on.</summary>
    public float[]? QueryVector { get; } = queryVector;
}

/// <summary>A hit of a semantic or hybrid page: its score and whether the vector side ranked it.</summary>
public readonly record struct HybridHit(int DocId, double Score, bool FromSemantic);
