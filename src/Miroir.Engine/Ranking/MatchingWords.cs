namespace Miroir.Engine.Ranking;

/// <summary>
/// The indexed words a query matched, for highlighting: a prefix match highlights only as
/// many characters as the query word has, any other match the whole word.
/// </summary>
internal sealed class MatchingWords
{
    public static readonly MatchingWords None = new();

    private readonly Dictionary<string, (int HighlightChars, int Index)> _words = new(StringComparer.Ordinal);

    public bool IsEmpty => _words.Count == 0;

    /// <summary>How many distinct words; each has an index below this.</summary>
    public int Count => _words.Count;

    public void Add(string word, int highlightChars)
    {
        if (!_words.TryGetValue(word, out var existing))
        {
            _words[word] = (highlightChars, _words.Count);
        }
        else if (existing.HighlightChars > 0 && (highlightChars < 0 || highlightChars > existing.HighlightChars))
        {
            // A full match beats a prefix match of the same word.
            _words[word] = (highlightChars, existing.Index);
        }
    }

    /// <summary>
    /// Whether <paramref name="normalized"/> matched; <paramref name="highlightChars"/> is
    /// how many normalised chars to highlight (-1: all), <paramref name="index"/> which word it is.
    /// </summary>
    public bool TryMatch(ReadOnlySpan<char> normalized, out int highlightChars, out int index)
    {
        var found = _words.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(normalized, out var word);
        (highlightChars, index) = word;
        return found;
    }

    public static MatchingWords From(List<QueryTerm> terms)
    {
        var words = new MatchingWords();
        foreach (var term in terms)
        {
            foreach (var d in term.Derivations)
            {
                if (d.Word.Contains(' ', StringComparison.Ordinal))
                {
                    // A phrase: each of its words is highlighted.
                    foreach (var part in d.Word.Split(' '))
                    {
                        words.Add(part, -1);
                    }
                    continue;
                }
                words.Add(d.Word, d.Kind == DerivationKind.Prefix ? term.Word.Length : -1);
            }
            if (term.Derivations.Count == 0)
            {
                words.Add(term.Word, -1);
            }
        }
        return words;
    }
}
