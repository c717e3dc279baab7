using Miroir.Meili.Errors;
using Miroir.Engine.Indexing;

namespace Miroir.Engine.Vectors;

/// <summary>Exact top-k cosine search.</summary>
public sealed partial class VectorStore
{
    /// <summary>
    /// Returns the <paramref name="k"/> documents of <paramref name="universe"/> closest to
    /// <paramref name="query"/> (a multi-vector document counts with its closest vector), then the
    /// universe's vectorless documents in id order. A null universe means "documents with vectors".
    /// </summary>
    public RankedDocs Search(string embedder, ReadOnlySpan<float> query, DocSet? universe, int k)
    {
        if (!_byEmbedder.TryGetValue(embedder, out var store))
        {
            throw new MeiliException(ErrorCode.InvalidSearchEmbedder, $"Cannot find embedder with name `{embedder}`.");
        }
        if (query.Length != store.Dimensions)
        {
            throw new MeiliException(ErrorCode.InvalidVectorDimensions,
                $"Invalid vector dimensions: expected: `{store.Dimensions}`, found: `{query.Length}`.");
        }
        var candidates = universe?.Count() ?? store.WithVectors.Count();
        if (k <= 0)
        {
            return new RankedDocs([], candidates);
        }
        var queryNorm = VectorMath.Norm(query);
        // Min-heap of the k best: the root is the weakest kept hit (lowest score, then highest id).
        var heap = new PriorityQueue<int, (float Score, int DocId)>(k + 1, WeakestFirst.Instance);
        foreach (var docId in store.WithVectors)
        {
            if (universe is not null && !universe.Contains(docId))
            {
                continue;
            }
            var score = store.BestSimilarity(docId, query, queryNorm);
            if (heap.Count < k)
            {
                heap.Enqueue(docId, (score, docId));
            }
            else if (heap.TryPeek(out _, out var weakest) && WeakestFirst.Instance.Compare((score, docId), weakest) > 0)
            {
                heap.EnqueueDequeue(docId, (score, docId));
            }
        }
        var hits = new ScoredDoc[heap.Count];
        for (var i = hits.Length - 1; i >= 0; i--)
        {
            heap.TryDequeue(out var docId, out var priority);
            hits[i] = new ScoredDoc(docId, priority.Score);
        }
        if (hits.Length >= k || universe is null)
        {
            return new RankedDocs(hits, candidates);
        }
        var all = new List<ScoredDoc>(hits);
        foreach (var docId in universe)
        {
            if (all.Count >= k)
            {
                break;
            }
            if (!store.WithVectors.Contains(docId))
            {
                all.Add(new ScoredDoc(docId, 0));
            }
        }
        return new RankedDocs(all, candidates);
    }

    /// <summary>Orders hits weakest first: lower score, then (on ties) the higher id.</summary>
    private sealed class WeakestFirst : IComparer<(float Score, int DocId)>
    {
        public static readonly WeakestFirst Instance = new();

        public int Compare((float Score, int DocId) x, (float Score, int DocId) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.DocId.CompareTo(x.DocId);
        }
    }
}
