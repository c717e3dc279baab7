using System.Buffers;
using Miroir.Engine.Filtering;
using Miroir.Engine.Indexing;

namespace Miroir.Engine.Facets;

/// <summary>
/// Counts, per value of one column, the candidates holding it, and keeps the first
/// <c>max</c> in display order. Two counting strategies, picked by cost: intersecting each
/// value's set with the candidates (few distinct values, e.g. <c>section</c>; popcounts are
/// vectorised and cheap) or walking the candidates' value ids (many distinct values, e.g. sizes).
/// </summary>
internal static partial class FacetCounter
{
    // Estimated cost of walking one candidate (slot read, value ids, counter bumps) in bitmap words.
    private const int WalkCostPerCandidate = 16;

    /// <summary>The top <paramref name="max"/> values with a non-zero count, in display order.</summary>
    public static List<(FacetValue Value, int Count)> Top(
        FieldColumn column, DocSet candidates, int candidateCount, bool byCount, int max, bool stringsOnly = false)
    {
        var result = new List<(FacetValue Value, int Count)>();
        if (max <= 0 || candidateCount == 0)
        {
            return result;
        }
        var words = (candidates.Capacity >> 6) + 1;
        var walk = (long)column.LiveValueCount * words > (long)candidateCount * WalkCostPerCandidate;
        var counts = walk ? CountByWalking(column, candidates) : null;
        try
        {
            if (byCount)
            {
                TopByCount(column, candidates, counts, max, stringsOnly, result);
            }
            else
            {
                if (!stringsOnly)
                {
                    TakeInOrder(column, column.SortedNumberIds, candidates, counts, max, result);
                }
                TakeInOrder(column, column.SortedStrings, candidates, counts, max, result);
            }
            return result;
        }
        finally
        {
            if (counts is not null)
            {
                ArrayPool<int>.Shared.Return(counts);
            }
        }
    }

    private static int[] CountByWalking(FieldColumn column, DocSet candidates)
    {
        var size = column.Values.Count;
        var counts = ArrayPool<int>.Shared.Rent(size);
        Array.Clear(counts, 0, size);
        var scratch = 0;
        foreach (var doc in candidates)
        {
            foreach (var id in column.ValuesOf(doc, ref scratch))
            {
                counts[id]++;
            }
        }
        return counts;
    }

    private static int CountOf(FacetValue value, DocSet candidates, int[]? counts) =>
        value.Count == 0 ? 0 : counts is null ? value.Docs.CountIn(candidates) : counts[value.Id];

    /// <summary>Alphabetical order is precomputed, so only the values shown are counted.</summary>
    private static void TakeInOrder(
        FieldColumn column, int[] order, DocSet candidates, int[]? counts, int max, List<(FacetValue, int)> result)
    {
        var values = column.Values;
        for (var i = 0; i < order.Length && result.Count < max; i++)
        {
            var value = values[order[i]];
            var count = CountOf(value, candidates, counts);
            if (count > 0)
            {
                result.Add((value, count));
            }
        }
    }

    /// <summary>Keeps the best <paramref name="max"/> in a heap whose root is the worst kept value.</summary>
    private static void TopByCount(
        FieldColumn column, DocSet candidates, int[]? counts, int max, bool stringsOnly, List<(FacetValue, int)> result)
    {
        var heap = new PriorityQueue<FacetValue, (int Count, FacetValue Value)>(WorstFirst.Instance);
        foreach (var value in column.Values)
        {
            if (stringsOnly && value.IsNumber)
            {
                continue;
            }
            var count = CountOf(value, candidates, counts);
            if (count == 0)
            {
                continue;
            }
            if (heap.Count < max)
            {
                heap.Enqueue(value, (count, value));
            }
            else if (heap.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare((count, value), worst) > 0)
            {
                heap.EnqueueDequeue(value, (count, value));
            }
        }
        while (heap.TryDequeue(out var value, out var priority))
        {
            result.Add((value, priority.Count));
        }
        result.Reverse();
    }

    /// <summary>Orders counted values: <c>alpha</c> puts numbers first (ascending) then strings by key; <c>count</c> sorts by count descending, ties alphabetical.</summary>
    public static void Order(List<(FacetValue Value, int Count)> values, bool byCount)
    {
        values.Sort((a, b) =>
        {
            if (byCount && a.Count != b.Count)
            {
                return b.Count.CompareTo(a.Count);
            }
            return Alpha(a.Value, b.Value);
        });
    }

    public static int Alpha(FacetValue a, FacetValue b)
    {
        if (a.IsNumber != b.IsNumber)
        {
            return a.IsNumber ? -1 : 1;
        }
        return a.IsNumber ? a.Number.CompareTo(b.Number) : string.CompareOrdinal(a.Key, b.Key);
    }

    /// <summary>Whether <c>sortFacetValuesBy</c> asks for <c>count</c> on this facet (exact name, then <c>*</c>).</summary>
    public static bool SortsByCount(IReadOnlyDictionary<string, string> sortFacetValuesBy, string facet) =>
        (sortFacetValuesBy.TryGetValue(facet, out var order) || sortFacetValuesBy.TryGetValue("*", out order))
        && order == "count";

    /// <summary>Heap order where the root is the value that would be shown last (lowest count, then alphabetically last).</summary>
    private sealed class WorstFirst : IComparer<(int Count, FacetValue Value)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((int Count, FacetValue Value) x, (int Count, FacetValue Value) y) =>
            x.Count != y.Count ? x.Count.CompareTo(y.Count) : Alpha(y.Value, x.Value);
    }
}
