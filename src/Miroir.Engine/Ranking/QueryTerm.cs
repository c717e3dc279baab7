using Miroir.Engine.Indexing;

namespace Miroir.Engine.Ranking;

/// <summary>
/// One query word and the indexed words it matches: itself, its prefix extensions (last word),
/// its typo variants and its synonyms, each with a typo cost.
/// </summary>
internal sealed class QueryTerm(string word, int position, bool isPrefix, int maxTypos)
{
    /// <summary>The normalised query word.</summary>
    public string Word { get; } = word;

    /// <summary>Word position in the query (stop words count), for the position rule.</summary>
    public int Position { get; } = position;

    public bool IsPrefix { get; } = isPrefix;

    /// <summary>A quoted phrase: the <c>last</c> matching strategy drops plain words before any phrase.</summary>
    public bool IsPhrase { get; init; }

    /// <summary>Typos the word's length allows: the typo rule's maximum for this term.</summary>
    public int MaxTypos { get; } = maxTypos;

    public List<Derivation> Derivations { get; } = [];

    /// <summary>Documents containing any derivation (set while gathering).</summary>
    public int DocumentFrequency { get; set; }
}

/// <summary>An indexed word matched by a query term.</summary>
internal readonly record struct Derivation(string Word, WordPostings Postings, int Typos, DerivationKind Kind);

/// <summary>How a derivation relates to its query word.</summary>
internal enum DerivationKind : byte
{
    /// <summary>The query word itself.</summary>
    Exact,
    /// <summary>A longer word the (last) query word is a prefix of.</summary>
    Prefix,
    /// <summary>A word within the allowed typos.</summary>
    Typo,
    Synonym,
}
