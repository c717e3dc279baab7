using System.Buffers;
using Miroir.Engine.Indexing;

namespace Miroir.Engine.Ranking;

/// <summary>
/// Lazy bucket sort, as Meilisearch evaluates ranking rules: every candidate is counted, but
/// each rule only splits the buckets that still overlap the first offset + limit hits, so
/// the expensive rules (proximity, attribute, exactness) see a few documents, not all of them.
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
        var rankCount = _rankCount;
        var ranks = ArrayPool<Rank>.Shared.Rent(n * rankCount);
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
            var slot = 0;
            foreach (var entry in _plan.Entries)
            {
                next.Clear();
                if (entry.Sort is { } spec)
                {
                    var comparer = Comparer<int>.Create((a, b) =>
                    {
                        var c = SortComparer.Compare(context.Values, spec, docs[a], docs[b]);
                        return c != 0 ? c : a.CompareTo(b);
                    });
                    foreach (var range in ranges)
                    {
                        Array.Sort(order, range.Lo, range.Hi - range.Lo, comparer);
                        SplitSorted(range, (a, b) => SortComparer.Compare(context.Values, spec, docs[a], docs[b]) == 0, order, next);
                    }
                }
                else
                {
                    PrepareRule(entry.Kind, ranges, order, docs, stats, positions);
                    foreach (var range in ranges)
                    {
                        for (var k = range.Lo; k < range.Hi; k++)
                        {
                            var i = order[k];
                            var rank = ranker.RankOf(entry.Kind, docs[i], removed[i]);
                            ranks[(i * rankCount) + slot] = rank;
                            keys[i] = rank.Value;
                        }
                        splitter.Split(range, next);
                    }
                    slot++;
                }
                (ranges, next) = (next, ranges);
            }
            for (var k = 0; k < needed; k++)
            {
                var i = order[k];
                var docRanks = ranks.AsSpan(i * rankCount, rankCount);
                Add(docs[i], docRanks, Rank.GlobalScore(docRanks));
            }
        }
        finally
        {
            ArrayPool<Rank>.Shared.Return(ranks);
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<int>.Shared.Return(keys);
        }
    }

    /// <summary>Computes what a rule reads from the occurrences, for the documents it will rank only.</summary>
    private void PrepareRule(ScoreDetailKind kind, List<Bucket> ranges, int[] order, PooledList<int> docs, TermStats[] stats, PositionGatherer positions)
    {
        if (kind is ScoreDetailKind.Words or ScoreDetailKind.Typo || (kind == ScoreDetailKind.Fid && context.Searchable.MaxWeight == 0))
        {
            return;
        }
        var within = new DocSet(context.Documents.IdLimit);
        foreach (var range in ranges)
        {
            for (var k = range.Lo; k < range.Hi; k++)
            {
                within.Add(docs[order[k]]);
            }
        }
        if (kind == ScoreDetailKind.Proximity)
        {
            positions.Gather(within);
            return;
        }
        foreach (var s in stats)
        {
            switch (kind)
            {
                case ScoreDetailKind.Fid when context.Searchable.MaxWeight > 0:
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

    /// <summary>Splits a range sorted on a criterion into its runs of equal documents.</summary>
    private static void SplitSorted(Bucket range, Func<int, int, bool> equal, int[] order, List<Bucket> next)
    {
        var start = range.Lo;
        while (start < range.Hi && start - range.Lo < range.Needed)
        {
            var end = start + 1;
            while (end < range.Hi && equal(order[start], order[end]))
            {
                end++;
            }
            next.Add(new Bucket(start, end, Math.Min(range.Needed - (start - range.Lo), end - start)));
            start = end;
        }
    }
}
