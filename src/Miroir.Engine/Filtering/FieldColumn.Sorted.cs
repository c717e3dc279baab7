using Miroir.Engine.Indexing;

namespace Miroir.Engine.Filtering;

/// <summary>
/// Sorted views built lazily after writes: every (number, doc) pair in number order for range
/// filters and facet stats, and string value ids in key order for string ranges, prefixes and
/// alphabetical facets. A reader that finds a view missing rebuilds it under a lock.
/// </summary>
public sealed partial class FieldColumn
{
    private readonly Lock _sortLock = new();
    private volatile NumberRun? _numbers;
    private volatile int[]? _sortedStrings;
    private volatile int[]? _sortedNumberIds;

    /// <summary>Numbers ascending, with the document holding each one at the same index.</summary>
    internal sealed record NumberRun(double[] Numbers, int[] Docs);

    internal NumberRun Numbers => _numbers ?? BuildNumbers();

    /// <summary>Ids of the string values, ordered by normalised key (ordinal).</summary>
    internal int[] SortedStrings => _sortedStrings ?? BuildSortedStrings();

    /// <summary>Ids of the number values, ascending.</summary>
    internal int[] SortedNumberIds => _sortedNumberIds ?? BuildSortedNumberIds();

    /// <summary>Adds the documents with a number in the range to <paramref name="into"/>.</summary>
    public void AddNumberRange(double low, bool lowInclusive, double high, bool highInclusive, DocSet into)
    {
        var run = Numbers;
        var from = lowInclusive ? LowerBound(run.Numbers, low) : UpperBound(run.Numbers, low);
        var to = highInclusive ? UpperBound(run.Numbers, high) : LowerBound(run.Numbers, high);
        var docs = run.Docs;
        for (var i = from; i < to; i++)
        {
            into.Add(docs[i]);
        }
    }

    /// <summary>The index of the first string value whose key is not below <paramref name="key"/>.</summary>
    internal int StringLowerBound(string key, bool inclusive)
    {
        var ids = SortedStrings;
        int lo = 0, hi = ids.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = string.CompareOrdinal(_values[ids[mid]].Key, key);
            if (c < 0 || (c == 0 && !inclusive))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private void InvalidateNumbers() => _numbers = null;

    private void InvalidateStrings() => _sortedStrings = null;

    private void InvalidateNumberIds() => _sortedNumberIds = null;

    private int[] BuildSortedNumberIds()
    {
        lock (_sortLock)
        {
            if (_sortedNumberIds is { } built)
            {
                return built;
            }
            var ids = new int[_numberIds.Count];
            _numberIds.Values.CopyTo(ids, 0);
            Array.Sort(ids, (a, b) => _values[a].Number.CompareTo(_values[b].Number));
            _sortedNumberIds = ids;
            return ids;
        }
    }

    private NumberRun BuildNumbers()
    {
        lock (_sortLock)
        {
            if (_numbers is { } built)
            {
                return built;
            }
            // Walk the distinct values in order and emit their documents: no sort over all pairs.
            var ids = SortedNumberIds;
            var total = 0;
            foreach (var id in ids)
            {
                total += _values[id].Count;
            }
            var numbers = new double[total];
            var docs = new int[total];
            var n = 0;
            foreach (var id in ids)
            {
                var value = _values[id];
                foreach (var doc in value.Docs)
                {
                    numbers[n] = value.Number;
                    docs[n++] = doc;
                }
            }
            var run = new NumberRun(numbers, docs);
            _numbers = run;
            return run;
        }
    }

    private int[] BuildSortedStrings()
    {
        lock (_sortLock)
        {
            if (_sortedStrings is { } built)
            {
                return built;
            }
            var ids = new int[_stringIds.Count];
            _stringIds.Values.CopyTo(ids, 0);
            Array.Sort(ids, (a, b) => string.CompareOrdinal(_values[a].Key, _values[b].Key));
            _sortedStrings = ids;
            return ids;
        }
    }

    private static int LowerBound(double[] values, double x)
    {
        int lo = 0, hi = values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (values[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private static int UpperBound(double[] values, double x)
    {
        int lo = 0, hi = values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (values[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
