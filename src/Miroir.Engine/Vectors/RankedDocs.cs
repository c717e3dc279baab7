namespace Miroir.Engine.Vectors;

/// <summary>
/// The best documents of one search, best first, with the number of documents it could have
/// returned (<c>estimatedTotalHits</c>). For a vector search the universe's documents without a
/// vector follow with score 0, as in Meilisearch where they form the ranking rule's last bucket.
/// </summary>
public sealed class RankedDocs(IReadOnlyList<ScoredDoc> hits, int candidateCount)
{
    public static readonly RankedDocs Empty = new([], 0);

    public IReadOnlyList<ScoredDoc> Hits { get; } = hits;

    public int CandidateCount { get; } = candidateCount;
}
