using System.Buffers;

namespace Miroir.Engine.Ranking;

/// <summary>
/// Orders a bucket by a rule's rank (higher first) and splits it into sub-buckets. A bucket
/// always arrives in candidate order (ascending internal id, the final tie-break), so a stable
/// counting sort on the rank keeps ties in that order without comparing documents.
/// </summary>
internal sealed class BucketSplitter(int[] order, int[] keys) : IDisposable
{
    private const int InsertionSortLength = 32;

    private int[] _scratch = [];
    private int[] _counts = [];

    /// <param name="range">The bucket; <c>keys[candidate]</c> holds each candidate's rank value.</param>
    /// <param name="next">Receives the sub-buckets that overlap the needed window, in order.</param>
    public void Split(Bucket range, List<Bucket> next)
    {
        var length = range.Hi - range.Lo;
        var span = order.AsSpan(range.Lo, length);
        if (length <= InsertionSortLength)
        {
            InsertionSortDescending(span);
        }
        else
        {
            var max = 0;
            foreach (var i in span)
            {
                max = Math.Max(max, keys[i]);
            }
            CountingSortDescending(span, max);
        }
        var start = 0;
        while (start < length && start < range.Needed)
        {
            var key = keys[span[start]];
            var end = start + 1;
            while (end < length && keys[span[end]] == key)
            {
                end++;
            }
            next.Add(new Bucket(range.Lo + start, range.Lo + end, Math.Min(range.Needed - start, end - start)));
            start = end;
        }
    }

    public void Dispose()
    {
        if (_scratch.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_scratch);
        }
        if (_counts.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_counts);
        }
        _scratch = _counts = [];
    }

    /// <summary>Stable: an element only moves past strictly worse ones.</summary>
    private void InsertionSortDescending(Span<int> span)
    {
        for (var k = 1; k < span.Length; k++)
        {
            var item = span[k];
            var key = keys[item];
            var j = k - 1;
            while (j >= 0 && keys[span[j]] < key)
            {
                span[j + 1] = span[j];
                j--;
            }
            span[j + 1] = item;
        }
    }

    private void CountingSortDescending(Span<int> span, int max)
    {
        EnsureCapacity(ref _counts, max + 2);
        EnsureCapacity(ref _scratch, span.Length);
        var counts = _counts.AsSpan(0, max + 2);
        counts.Clear();
        // Counting sort on (max - key): the best rank first, stable for equal ranks.
        foreach (var i in span)
        {
            counts[max - keys[i] + 1]++;
        }
        for (var k = 1; k < counts.Length; k++)
        {
            counts[k] += counts[k - 1];
        }
        var scratch = _scratch.AsSpan(0, span.Length);
        foreach (var i in span)
        {
            scratch[counts[max - keys[i]]++] = i;
        }
        scratch.CopyTo(span);
    }

    private static void EnsureCapacity(ref int[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            if (buffer.Length > 0)
            {
                ArrayPool<int>.Shared.Return(buffer);
            }
            buffer = ArrayPool<int>.Shared.Rent(size);
        }
    }
}
