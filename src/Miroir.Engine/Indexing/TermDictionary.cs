namespace Miroir.Engine.Indexing;

/// <summary>
/// The indexed words in ordinal order, for prefix ranges and typo lookups. Rebuilt (merged)
/// after each write batch; read-only afterwards, so searches share it without locking.
/// </summary>
internal sealed partial class TermDictionary
{
    public static readonly TermDictionary Empty = new([], []);

    private readonly string[] _terms;
    private readonly WordPostings[] _postings;

    public TermDictionary(string[] sortedTerms, WordPostings[] postings)
    {
        _terms = sortedTerms;
        _postings = postings;
    }

    public int Count => _terms.Length;

    public string TermAt(int index) => _terms[index];

    public WordPostings PostingsAt(int index) => _postings[index];

    /// <summary>Index of <paramref name="word"/>, or -1.</summary>
    public int IndexOf(ReadOnlySpan<char> word)
    {
        var lo = 0;
        var hi = _terms.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = _terms[mid].AsSpan().SequenceCompareTo(word);
            if (c == 0)
            {
                return mid;
            }
            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /// <summary>The range [start, end) of the terms starting with <paramref name="prefix"/>.</summary>
    public (int Start, int End) PrefixRange(ReadOnlySpan<char> prefix, int from = 0, int to = -1)
    {
        if (to < 0)
        {
            to = _terms.Length;
        }
        var start = LowerBound(prefix, from, to);
        var end = UpperBoundPrefix(prefix, start, to);
        return (start, end);
    }

    /// <summary>First index in [from, to) whose term is not below <paramref name="key"/>.</summary>
    private int LowerBound(ReadOnlySpan<char> key, int from, int to)
    {
        var lo = from;
        var hi = to;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_terms[mid].AsSpan().SequenceCompareTo(key) < 0)
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

    /// <summary>First index in [from, to) whose term does not start with <paramref name="prefix"/> (terms from <paramref name="from"/> on are not below it).</summary>
    private int UpperBoundPrefix(ReadOnlySpan<char> prefix, int from, int to)
    {
        var lo = from;
        var hi = to;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_terms[mid].AsSpan().StartsWith(prefix))
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

    /// <summary>Merges newly added words into a new dictionary; drops words whose list is empty.</summary>
    public TermDictionary With(List<(string Term, WordPostings Postings)> added, bool dropEmpty)
    {
        added.Sort((a, b) => string.CompareOrdinal(a.Term, b.Term));
        var terms = new List<string>(_terms.Length + added.Count);
        var postings = new List<WordPostings>(_terms.Length + added.Count);
        int i = 0, j = 0;
        while (i < _terms.Length || j < added.Count)
        {
            var takeOld = j >= added.Count || (i < _terms.Length && string.CompareOrdinal(_terms[i], added[j].Term) < 0);
            var (term, list) = takeOld ? (_terms[i++], _postings[i - 1]) : added[j++];
            if (dropEmpty && list.DocCount == 0)
            {
                continue;
            }
            terms.Add(term);
            postings.Add(list);
        }
        return new TermDictionary([.. terms], [.. postings]);
    }
}
