using System.Buffers;
using Miroir.Engine.Indexing;

namespace Miroir.Engine.Ranking;

/// <summary>
/// Lazy bucket sort, as Meilisearch evaluates ranking rules: every candidate is counted, but
/// each rule only splits the buckets that still overlap the first offset + limit hits, so
/// the expensive rules (proximity, attribute, exactness) only read the occurrences of the
/// documents that can still reach the page, and rules that cannot split a bucket are skipped.
/// </summary>
internal sealed partial class SearchExecutor
{
    private int? _rankedTotal;

    /// <summary>
    /// Bucket order equals the folded-score order when, inside every bucket a rule splits, all
    /// documents keep the same query terms (so each rule's maximum is the same for them): the
    /// words rule must come before any other relevancy rule unless no term is ever dropped.
    /// A score threshold or distinct needs every candidate's rank, so they rank everything.
    /// </summary>
    private bool CanRankLazily(int[] removalOrder)
    {
        if (request.RankingScoreThreshold is not null || _distinct is not null)
        {
            return false;
        }
        var firstRelevancy = _plan.Entries.Find(e => e.Sort is null);
        return removalOrder.Length == 0 || firstRelevancy is null || firstRelevancy.Kind == ScoreDetailKind.Words;
    }

    private void RankBuckets(DocumentRanker ranker, TermStats[] stats, PositionGatherer positions, int needed)
    {
        var survivor = stats[ranker.Survivor];
        var idLimit = context.Documents.IdLimit;
        using var docs = new PooledList<int>();
        using var removed = new PooledList<byte>();
        for (var doc = 0; doc < idLimit; doc++)
        {
            if (!survivor.Contains(doc))
            {
                continue;
            }
            var r = ranker.Removed(doc);
            if (r >= 0)
            {
                docs.Add(doc);
                removed.Add((byte)r);
                Matches.Add(doc);
            }
        }
        var n = docs.Count;
        _rankedTotal = n;
        needed = Math.Min(needed, n);
        if (needed == 0)
        {
            return;
        }
        var order = ArrayPool<int>.Shared.Rent(n);
        var keys = ArrayPool<int>.Shared.Rent(n);
        try
        {
            for (var i = 0; i < n; i++)
            {
                order[i] = i;
            }
            using var splitter = new BucketSplitter(order, keys);
            var ranges = new List<Bucket> { new(0, n, needed) };
            var next = new List<Bucket>();
            foreach (var entry in _plan.Entries)
            {
                next.Clear();
                if (entry.Sort is { } spec)
                {
                    SplitOnSort(spec, ranges, order, docs, next);
                }
                else
                {
                    SplitOnRule(entry.Kind, ranker, ranges, order, docs, removed, keys, splitter, stats, positions, next);
                }
                (ranges, next) = (next, ranges);
            }
            if (request.TieBreakByPrimaryKey)
            {
                OrderTiesByPrimaryKey(ranges, order, docs);
            }
            // Every document of the window went through every rule: rank it for its score details.
            Span<Rank> ranks = stackalloc Rank[_rankCount];
            for (var k = 0; k < needed; k++)
            {
                var i = order[k];
                for (var r = 0; r < ranks.Length; r++)
                {
                    ranks[r] = ranker.RankOf(_relevancyKinds[r], docs[i], removed[i]);
                }
                Add(docs[i], ranks, Rank.GlobalScore(ranks));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<int>.Shared.Return(keys);
        }
    }

    /// <summary>Buckets are in internal-id order (the splits are stable); the orchestrator wants equal documents by primary key.</summary>
    private void OrderTiesByPrimaryKey(List<Bucket> ranges, int[] order, PooledList<int> docs)
    {
        var documents = context.Documents;
        var comparer = Comparer<int>.Create((a, b) => string.CompareOrdinal(documents.ExternalId(docs[a]), documents.ExternalId(docs[b])));
        foreach (var range in ranges)
        {
            Array.Sort(order, range.Lo, range.Hi - range.Lo, comparer);
        }
    }

    private void SplitOnSort(SortSpec spec, List<Bucket> ranges, int[] order, PooledList<int> docs, List<Bucket> next)
    {
        var comparer = Comparer<int>.Create((a, b) =>
        {
            var c = SortComparer.Compare(context.Values, spec, docs[a], docs[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        foreach (var range in ranges)
        {
            Array.Sort(order, range.Lo, range.Hi - range.Lo, comparer);
            var start = range.Lo;
            while (start < range.Hi && start - range.Lo < range.Needed)
            {
                var end = start + 1;
                while (end < range.Hi && SortComparer.Compare(context.Values, spec, docs[order[start]], docs[order[end]]) == 0)
                {
                    end++;
                }
                next.Add(new Bucket(start, end, Math.Min(range.Needed - (start - range.Lo), end - start)));
                start = end;
            }
        }
    }

    private void SplitOnRule(
        ScoreDetailKind kind, DocumentRanker ranker, List<Bucket> ranges, int[] order, PooledList<int> docs, PooledList<byte> removed,
        int[] keys, BucketSplitter splitter, TermStats[] stats, PositionGatherer positions, List<Bucket> next)
    {
        // Inside a bucket every document kept the same terms (see CanRankLazily), so the first
        // document tells whether the rule can split it at all.
        var within = new DocSet(context.Documents.IdLimit);
        var splitting = false;
        foreach (var range in ranges)
        {
            if (ranker.IsConstant(kind, removed[order[range.Lo]]))
            {
                continue;
            }
            splitting = true;
            for (var k = range.Lo; k < range.Hi; k++)
            {
                within.Add(docs[order[k]]);
            }
        }
        if (splitting)
        {
            PrepareRule(kind, within, stats, positions);
        }
        foreach (var range in ranges)
        {
            if (ranker.IsConstant(kind, removed[order[range.Lo]]))
            {
                next.Add(range);
                continue;
            }
            for (var k = range.Lo; k < range.Hi; k++)
            {
                var i = order[k];
                keys[i] = ranker.RankOf(kind, docs[i], removed[i]).Value;
            }
            splitter.Split(range, next);
        }
    }

    /// <summary>Computes what a rule reads from the occurrences, for the documents it ranks only.</summary>
    private void PrepareRule(ScoreDetailKind kind, DocSet within, TermStats[] stats, PositionGatherer positions)
    {
        if (kind == ScoreDetailKind.Proximity)
        {
            positions.Gather(within);
            return;
        }
        foreach (var s in stats)
        {
            switch (kind)
            {
                case ScoreDetailKind.Fid:
                    s.DetailWeights(within);
                    break;
                case ScoreDetailKind.Position:
                    s.DetailPositions(within);
                    break;
                case ScoreDetailKind.ExactAttribute or ScoreDetailKind.ExactWords:
                    s.DetailExact(within);
                    break;
                default:
                    break;
            }
        }
    }
}
