namespace Miroir.Engine.Ranking;

/// <summary>
/// The indexed words a query matched, for highlighting: a prefix match highlights only as
/// many characters as the query word has, any other match the whole word.
/// </summary>
internal sealed class MatchingWords
{
    public static readonly MatchingWords None = new();

    private readonly Dictionary<string, int> _words = new(StringComparer.Ordinal);

    public bool IsEmpty => _words.Count == 0;

    public void Add(string word, int highlightChars)
    {
        // A full match beats a prefix match of the same word.
        if (!_words.TryGetValue(word, out var existing) || (existing > 0 && (highlightChars < 0 || highlightChars > existing)))
        {
            _words[word] = highlightChars;
        }
    }

    /// <summary>
    /// Whether <paramref name="normalized"/> matched; <paramref name="highlightChars"/> is
    /// how many normalised chars to highlight (-1: all).
    /// </summary>
    public bool TryMatch(ReadOnlySpan<char> normalized, out int highlightChars) =>
        _words.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(normalized, out highlightChars);

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
