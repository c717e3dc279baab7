using Miroir.Engine.Indexing;

namespace Miroir.Engine.Vectors;

/// <summary>
/// Runs a semantic or hybrid search around the index's keyword engine. Hybrid follows
/// Meilisearch: both sides rank <c>offset + limit</c> documents, scores are weighted by
/// <c>1 - semanticRatio</c> (keyword) and <c>semanticRatio</c> (semantic), the two lists are
/// interleaved by weighted score (vector first on ties) and deduplicated, then paged. When every
/// keyword hit is "good enough" (weighted score ≥ 0.45) the vector side is skipped.
/// </summary>
public static class HybridSearch
{
    private const double GoodEnoughScore = 0.45;

    /// <param name="keywordSearch">Ranks the first <c>k</c> keyword hits (scores always computed).</param>
    /// <param name="universe">The documents the filter allows, or null for every document.</param>
    public static HybridResult Execute(
        SearchKind kind, VectorStore store, Func<int, RankedDocs> keywordSearch, DocSet? universe,
        int offset, int limit, double? rankingScoreThreshold = null)
    {
        var wanted = offset + limit;
        if (kind.Type == SearchKindType.SemanticOnly)
        {
            var semantic = Threshold(store.Search(kind.Embedder!, kind.Vector, universe, wanted), rankingScoreThreshold);
            var page = Page(semantic.Hits, offset, limit, fromSemantic: true);
            return new HybridResult(page, semantic.CandidateCount, page.Count, kind.Vector);
        }
        var keyword = keywordSearch(wanted);
        if (kind.Vector is null || GoodEnough(keyword, kind.SemanticRatio, wanted))
        {
            return new HybridResult(Page(keyword.Hits, offset, limit, fromSemantic: false), keyword.CandidateCount, 0, kind.Vector);
        }
        var vector = Threshold(store.Search(kind.Embedder!, kind.Vector, universe, wanted), rankingScoreThreshold);
        var (hits, semanticCount) = Merge(keyword.Hits, vector.Hits, kind.SemanticRatio, offset, limit);
        var candidates = Math.Max(keyword.CandidateCount, vector.CandidateCount);
        return new HybridResult(hits, candidates, semanticCount, kind.Vector);
    }

    /// <summary>
    /// Interleaves two ranked lists by weighted score, skipping documents already taken, and
    /// returns the page plus how many of its hits came from the semantic list.
    /// </summary>
    public static (List<HybridHit> Hits, int SemanticCount) Merge(
        IReadOnlyList<ScoredDoc> keyword, IReadOnlyList<ScoredDoc> semantic, double semanticRatio, int offset, int limit)
    {
        var hits = new List<HybridHit>(Math.Min(limit, keyword.Count + semantic.Count));
        var seen = new HashSet<int>();
        var semanticCount = 0;
        int k = 0, s = 0, position = 0;
        while (hits.Count < limit && (k < keyword.Count || s < semantic.Count))
        {
            bool takeSemantic;
            if (k >= keyword.Count)
            {
                takeSemantic = true;
            }
            else if (s >= semantic.Count)
            {
                takeSemantic = false;
            }
            else
            {
                var weightedSemantic = semantic[s].Score * semanticRatio;
                var weightedKeyword = keyword[k].Score * (1 - semanticRatio);
                takeSemantic = weightedSemantic >= weightedKeyword || Math.Abs(weightedSemantic - weightedKeyword) <= double.Epsilon;
            }
            var hit = takeSemantic ? semantic[s++] : keyword[k++];
            if (!seen.Add(hit.DocId) || position++ < offset)
            {
                continue;
            }
            hits.Add(new HybridHit(hit.DocId, hit.Score, takeSemantic));
            if (takeSemantic)
            {
                semanticCount++;
            }
        }
        return (hits, semanticCount);
    }

    private static bool GoodEnough(RankedDocs keyword, double semanticRatio, int wanted)
    {
        if (keyword.Hits.Count < wanted)
        {
            return false;
        }
        foreach (var hit in keyword.Hits)
        {
            if (hit.Score * (1 - semanticRatio) < GoodEnoughScore)
            {
                return false;
            }
        }
        return true;
    }

    private static RankedDocs Threshold(RankedDocs docs, double? threshold)
    {
        if (threshold is not { } min)
        {
            return docs;
        }
        var kept = docs.Hits.Where(h => h.Score >= min).ToList();
        return new RankedDocs(kept, docs.CandidateCount - (docs.Hits.Count - kept.Count));
    }

    private static List<HybridHit> Page(IReadOnlyList<ScoredDoc> hits, int offset, int limit, bool fromSemantic)
    {
        var page = new List<HybridHit>(Math.Max(0, Math.Min(limit, hits.Count - offset)));
        for (var i = offset; i < hits.Count && page.Count < limit; i++)
        {
            page.Add(new HybridHit(hits[i].DocId, hits[i].Score, fromSemantic));
        }
        return page;
    }
}
