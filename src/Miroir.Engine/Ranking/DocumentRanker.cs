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
    private readonly int[][] _keptByRemoved;
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
        // The terms still required after each number of removals, in query order.
        var steps = allWords ? 1 : removalOrder.Length + 1;
        _keptByRemoved = new int[steps][];
        for (var removed = 0; removed < steps; removed++)
        {
            var dropped = removalOrder[..removed];
            _keptByRemoved[removed] = [.. Enumerable.Range(0, terms.Count).Where(t => !dropped.Contains(t))];
        }
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
        var removed = Removed(doc);
        if (removed < 0)
        {
            return false;
        }
        for (var i = 0; i < kinds.Length; i++)
        {
            ranks[i] = RankOf(kinds[i], doc, removed);
        }
        return true;
    }

    /// <summary>
    /// How many terms (in removal order) must be dropped before the document contains every
    /// remaining one; -1 when the document does not match the query at all.
    /// </summary>
    public int Removed(int doc)
    {
        for (var removed = 0; removed < _keptByRemoved.Length; removed++)
        {
            var all = true;
            foreach (var t in _keptByRemoved[removed])
            {
                if (!_stats[t].Contains(doc))
                {
                    all = false;
                    break;
                }
            }
            if (all)
            {
                return removed;
            }
        }
        return -1;
    }

    /// <summary>
    /// True when the rule gives every document that kept the same terms the same rank, so it
    /// cannot split a bucket: one possible word count, no typo allowed, no adjacent pair, one
    /// attribute weight.
    /// </summary>
    public bool IsConstant(ScoreDetailKind kind, int removed)
    {
        var kept = _keptByRemoved[removed];
        switch (kind)
        {
            case ScoreDetailKind.Words:
                return _keptByRemoved.Length == 1;
            case ScoreDetailKind.Typo:
                foreach (var t in kept)
                {
                    if (_terms[t].MaxTypos > 0)
                    {
                        return false;
                    }
                }
                return true;
            case ScoreDetailKind.Proximity:
                for (var i = 0; i + 1 < kept.Length; i++)
                {
                    if (_terms[kept[i]].Position + 1 == _terms[kept[i + 1]].Position)
                    {
                        return false;
                    }
                }
                return true;
            case ScoreDetailKind.Fid:
                return _context.Searchable.MaxWeight == 0;
            default:
                return false;
        }
    }

    /// <summary>The rank one relevancy rule gives a document once <paramref name="removed"/> terms are dropped.</summary>
    public Rank RankOf(ScoreDetailKind kind, int doc, int removed)
    {
        var kept = _keptByRemoved[removed].AsSpan();
        return kind switch
        {
            ScoreDetailKind.Words => _allWords ? new Rank(1, 1) : new Rank(_terms.Count - removed, _terms.Count),
            ScoreDetailKind.Typo => TypoRank(doc, kept),
            ScoreDetailKind.Proximity => ProximityRank(doc, kept),
            ScoreDetailKind.Fid => FidRank(doc, kept),
            ScoreDetailKind.Position => PositionRank(doc, kept),
            ScoreDetailKind.ExactAttribute => ExactAttributeRank(doc, kept),
            ScoreDetailKind.ExactWords => ExactWordsRank(doc, kept),
            _ => new Rank(1, 1),
        };
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
        if (maxWeight == 0)
        {
            // One attribute weight only: every document ties (weights were not gathered).
            return new Rank(1, 1);
        }
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
