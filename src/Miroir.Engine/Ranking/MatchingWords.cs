namespace Miroir.Engine.Ranking;

/// <summary>
/// The indexed words a query matched, for highlighting: a prefix match highlights only as
/// many characters as the query word has, any other match the whole word. Each word also
/// records which query term it came from (cropping counts distinct terms, as Meilisearch does).
/// </summary>
internal sealed class MatchingWords
{
    public static readonly MatchingWords None = new();

    private readonly Dictionary<string, (int HighlightChars, int Term)> _words = new(StringComparer.Ordinal);

    public bool IsEmpty => _words.Count == 0;

    public void Add(string word, int highlightChars, int term)
    {
        if (!_words.TryGetValue(word, out var existing))
        {
            _words[word] = (highlightChars, term);
        }
        else if (existing.HighlightChars > 0 && (highlightChars < 0 || highlightChars > existing.HighlightChars))
        {
            // A full match beats a prefix match of the same word.
            _words[word] = (highlightChars, existing.Term);
        }
    }

    /// <summary>
    /// Whether <paramref name="normalized"/> matched; <paramref name="highlightChars"/> is
    /// how many normalised chars to highlight (-1: all), <paramref name="term"/> the position
    /// of the query term it matched.
    /// </summary>
    public bool TryMatch(ReadOnlySpan<char> normalized, out int highlightChars, out int term)
    {
        var found = _words.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(normalized, out var word);
        (highlightChars, term) = word;
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
                        words.Add(part, -1, term.Position);
                    }
                    continue;
                }
                words.Add(d.Word, d.Kind == DerivationKind.Prefix ? term.Word.Length : -1, term.Position);
            }
            if (term.Derivations.Count == 0)
            {
                words.Add(term.Word, -1, term.Position);
            }
        }
        return words;
    }
}
