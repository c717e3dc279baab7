using Miroir.Engine.Search;

namespace Miroir.Engine.Ranking;

/// <summary>Bucket order, distinct and paging over the collected candidates.</summary>
internal sealed partial class SearchExecutor
{
    private string? _distinct;

    private (List<SearchHit> Hits, int Total) Page(int offset, int limit)
    {
        var maxTotal = context.Settings.MaxTotalHits;
        offset = Math.Min(offset, maxTotal);
        limit = Math.Max(0, Math.Min(limit, maxTotal - offset));
        var n = _candidates.Count;
        var order = new int[n];
        _singleSegment = _segmentCount == 1 && _plan.Entries.TrueForAll(e => e.Sort is null);
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }
        var needed = offset + limit;
        var total = _rankedTotal ?? n;
        if (_distinct is not null)
        {
            Array.Sort(order, Compare);
            order = Distinct(order);
            total = order.Length;
        }
        else if (needed < n / 4)
        {
            order = TopK(order, needed);
        }
        else if (!IsAlreadyOrdered())
        {
            Array.Sort(order, Compare);
        }
        var hits = new List<SearchHit>(Math.Max(0, Math.Min(limit, order.Length - offset)));
        for (var i = offset; i < order.Length && i < needed; i++)
        {
            hits.Add(MakeHit(order[i]));
        }
        return (hits, Math.Min(total, maxTotal));
    }

    /// <summary>
    /// Nothing to sort: bucket ranking collected exactly the first offset + limit hits in
    /// order, and placeholder searches without sort keep internal-id order (unless ties go by primary key).
    /// </summary>
    private bool IsAlreadyOrdered() => _rankedTotal is not null || (_plan.Entries.Count == 0 && !request.TieBreakByPrimaryKey);

    /// <summary>The last word between equal documents: internal id (Meilisearch's order), or primary key when asked.</summary>
    private int TieBreak(int a, int b) => request.TieBreakByPrimaryKey
        ? string.CompareOrdinal(context.Documents.ExternalId(a), context.Documents.ExternalId(b))
        : a.CompareTo(b);

    private bool _singleSegment;

    private int Compare(int a, int b)
    {
        ref var ca = ref _candidates[a];
        ref var cb = ref _candidates[b];
        if (_singleSegment)
        {
            // Only relevancy rules: their folded score orders exactly like the buckets.
            var c = cb.Score.CompareTo(ca.Score);
            return c != 0 ? c : TieBreak(ca.Doc, cb.Doc);
        }
        var s = 0;
        var entries = _plan.Entries;
        for (var e = 0; e < entries.Count;)
        {
            var entry = entries[e];
            if (entry.Sort is { } spec)
            {
                var c = SortComparer.Compare(context.Values, spec, ca.Doc, cb.Doc);
                if (c != 0)
                {
                    return c;
                }
                e++;
                continue;
            }
            var sa = _segments[(a * _segmentCount) + s];
            var sb = _segments[(b * _segmentCount) + s];
            if (sa != sb)
            {
                return sb.CompareTo(sa);
            }
            s++;
            while (e < entries.Count && entries[e].Sort is null)
            {
                e++;
            }
        }
        return TieBreak(ca.Doc, cb.Doc);
    }

    /// <summary>The <paramref name="k"/> best candidates in order, in O(n log k).</summary>
    private int[] TopK(int[] order, int k)
    {
        if (k == 0)
        {
            return [];
        }
        // A max-heap on "worse first" keeps the k best seen so far; its root is the worst of them.
        var heap = new PriorityQueue<int, int>(k + 1, Comparer<int>.Create((x, y) => Compare(y, x)));
        foreach (var i in order)
        {
            if (heap.Count < k)
            {
                heap.Enqueue(i, i);
            }
            else if (Compare(i, heap.Peek()) < 0)
            {
                heap.EnqueueDequeue(i, i);
            }
        }
        var result = new int[heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            result[i] = heap.Dequeue();
        }
        return result;
    }

    private int[] Distinct(int[] order)
    {
        var seen = new HashSet<Filtering.SortValue>();
        var kept = new List<int>(order.Length);
        foreach (var i in order)
        {
            var doc = _candidates[i].Doc;
            // Documents without a value are never merged with each other.
            if (!context.Values.TryGetSortValue(doc, _distinct!, false, out var value) || seen.Add(value))
            {
                kept.Add(i);
            }
            else
            {
                Matches.Remove(doc);
            }
        }
        return [.. kept];
    }
}
