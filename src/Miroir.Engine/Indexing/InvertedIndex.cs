namespace Miroir.Engine.Indexing;

/// <summary>
/// Word → postings. Writers append through <see cref="Add"/> and publish a new sorted
/// <see cref="TermDictionary"/> with <see cref="Publish"/> at the end of a batch.
/// </summary>
internal sealed class InvertedIndex
{
    private readonly Dictionary<string, WordPostings> _words = new(StringComparer.Ordinal);
    private readonly List<(string, WordPostings)> _added = [];

    public TermDictionary Dictionary { get; private set; } = TermDictionary.Empty;

    public int WordCount => _words.Count;

    public void Add(ReadOnlySpan<char> word, int doc, uint occurrence)
    {
        var lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(word, out var list))
        {
            var key = word.ToString();
            list = new WordPostings();
            _words.Add(key, list);
            _added.Add((key, list));
        }
        list.Add(doc, occurrence);
    }

    public WordPostings? Get(string word) => _words.GetValueOrDefault(word);

    /// <summary>Makes the words added since the last call visible to searches.</summary>
    public void Publish()
    {
        if (_added.Count > 0)
        {
            Dictionary = Dictionary.With(_added, dropEmpty: false);
            _added.Clear();
        }
    }

    /// <summary>Removes dead documents from every list and forgets words left without any.</summary>
    public void Compact(DocSet alive)
    {
        List<string>? empty = null;
        foreach (var (word, list) in _words)
        {
            if (!list.Compact(alive))
            {
                (empty ??= []).Add(word);
            }
        }
        if (empty is not null)
        {
            foreach (var w in empty)
            {
                _words.Remove(w);
            }
        }
        Dictionary = Dictionary.With([], dropEmpty: true);
    }

    /// <summary>Replaces the contents with words already sorted ordinally (a snapshot being loaded).</summary>
    public void Restore(string[] sortedTerms, WordPostings[] postings)
    {
        Clear();
        _words.EnsureCapacity(sortedTerms.Length);
        for (var i = 0; i < sortedTerms.Length; i++)
        {
            _words.Add(sortedTerms[i], postings[i]);
        }
        Dictionary = new TermDictionary(sortedTerms, postings);
    }

    public void Clear()
    {
        _words.Clear();
        _added.Clear();
        Dictionary = TermDictionary.Empty;
    }
}
