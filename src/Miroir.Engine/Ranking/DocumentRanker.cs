namespace Miroir.Engine.Ranking;

/// <summary>
/// Computes, for one document, the rank every relevancy rule gives it. Each rank depends only
/// on the document and the query — never on other documents — so two shards agree on the
/// score of a document. Ranks follow Meilisearch's graph-based rules: the cheapest path cost
/// <c>c</c> out of a maximum <c>M</c> gives <c>Rank(M + 1 - c, M + 1)</c>.
/// </summary>
internal sealed partial class DocumentRanker
{
    private readonly List<QueryTerm> _terms;
    private readonly TermStats[] _stats;
    private readonly TermOccurrences?[] _occurrences;
    private readonly int[] _removalOrder;
    private readonly bool _allWords;
    private readonly SearchContext _context;
    private readonly int[] _kept;
    private uint[] _left = new uint[64];
    private uint[] _right = new uint[64];

    public DocumentRanker(SearchContext context, List<QueryTerm> terms, TermStats[] stats, TermOccurrences?[] occurrences, int[] removalOrder, bool allWords)
    {
        _stats = stats;
        _context = context;
        _terms = terms;
        _occurrences = occurrences;
        _removalOrder = removalOrder;
        _allWords = allWords;
        _kept = new int[terms.Count];
    }

    /// <summary>The term that is never dropped: a candidate must contain it.</summary>
    public int Survivor
    {
        get
        {
            var removed = new HashSet<int>(_removalOrder);
            for (var t = 0; t < _terms.Count; t++)
            {
                if (!removed.Contains(t))
                {
                    return t;
                }
            }
            return 0;
        }
    }

    /// <summary>
    /// Fills <paramref name="ranks"/> (one per relevancy entry of <paramref name="kinds"/>);
    /// returns false when the document does not match the query at all.
    /// </summary>
    public bool Rank(int doc, ReadOnlySpan<ScoreDetailKind> kinds, Span<Rank> ranks)
    {
        var n = _terms.Count;
        var removed = 0;
        var keptCount = 0;
        // Drop terms in removal order until the document contains every remaining one.
        while (true)
        {
            keptCount = 0;
            var ok = true;
            for (var t = 0; t < n; t++)
            {
                if (IsRemoved(t, removed))
                {
                    continue;
                }
                if (!_stats[t].Contains(doc))
                {
                    ok = false;
                    break;
                }
                _kept[keptCount++] = t;
            }
            if (ok)
            {
                break;
            }
            if (_allWords || removed >= _removalOrder.Length)
            {
                return false;
            }
            removed++;
        }
        var kept = _kept.AsSpan(0, keptCount);
        for (var i = 0; i < kinds.Length; i++)
        {
            ranks[i] = kinds[i] switch
            {
                ScoreDetailKind.Words => _allWords ? new Rank(1, 1) : new Rank(n - removed, n),
                ScoreDetailKind.Typo => TypoRank(doc, kept),
                ScoreDetailKind.Proximity => ProximityRank(doc, kept),
                ScoreDetailKind.Fid => FidRank(doc, kept),
                ScoreDetailKind.Position => PositionRank(doc, kept),
                ScoreDetailKind.ExactAttribute => ExactAttributeRank(doc, kept),
                ScoreDetailKind.ExactWords => ExactWordsRank(doc, kept),
                _ => new Rank(1, 1),
            };
        }
        return true;
    }

    private bool IsRemoved(int term, int removedCount)
    {
        for (var i = 0; i < removedCount; i++)
        {
            if (_removalOrder[i] == term)
            {
                return true;
            }
        }
        return false;
    }

    private Rank TypoRank(int doc, ReadOnlySpan<int> kept)
    {
        var max = 0;
        var cost = 0;
        foreach (var t in kept)
        {
            max += _terms[t].MaxTypos;
            cost += _stats[t].MinTypos(doc);
        }
        return new Rank(max + 1 - Math.Min(cost, max), max + 1);
    }

    private Rank FidRank(int doc, ReadOnlySpan<int> kept)
    {
        var maxWeight = _context.Searchable.MaxWeight;
        var max = maxWeight * kept.Length;
        var cost = 0;
        foreach (var t in kept)
        {
            cost += Math.Min(_stats[t].MinWeight(doc), maxWeight);
        }
        return new Rank(max + 1 - cost, max + 1);
    }

    private Rank PositionRank(int doc, ReadOnlySpan<int> kept)
    {
        var max = RankingMath.MaxPositionCost * kept.Length;
        var cost = 0;
        foreach (var t in kept)
        {
            cost += _stats[t].MinPositionCost(doc);
        }
        return new Rank(max + 1 - cost, max + 1);
    }

    private Rank ExactWordsRank(int doc, ReadOnlySpan<int> kept)
    {
        var exact = 0;
        foreach (var t in kept)
        {
            if (_stats[t].HasExact(doc))
            {
                exact++;
            }
        }
        return new Rank(exact + 1, kept.Length + 1);
    }
}
