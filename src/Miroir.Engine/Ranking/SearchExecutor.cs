using Miroir.Meili.Errors;
using Miroir.Engine.Indexing;
using Miroir.Engine.Search;
using Miroir.Meili.Validation;

namespace Miroir.Engine.Ranking;

/// <summary>
/// Runs one keyword (or placeholder) search: candidates, per-document ranks, bucket order
/// (lexicographic over the rules, sort criteria in their place), distinct, threshold, paging.
/// </summary>
internal sealed partial class SearchExecutor(SearchContext context, SearchRequest request, DocSet universe) : IDisposable
{
    private readonly PooledList<Candidate> _candidates = new();
    private readonly PooledList<Rank> _ranks = new();
    private readonly PooledList<double> _segments = new();
    private (int Start, int End)[] _segmentRanges = [];
    private int _rankCount;
    private int _segmentCount;
    private List<SortSpec> _sort = [];
    private RankingPlan _plan = null!;
    private ScoreDetailKind[] _relevancyKinds = [];

    public List<QueryTerm> Terms { get; private set; } = [];

    /// <summary>Every matching document (after threshold), before distinct and paging.</summary>
    public DocSet Matches { get; } = new(context.Documents.IdLimit);

    public void Dispose()
    {
        _candidates.Dispose();
        _ranks.Dispose();
        _segments.Dispose();
    }

    public (List<SearchHit> Hits, int Total) Run(int offset, int limit)
    {
        var settings = context.Settings;
        RequestValidation.AttributesToSearchOn(request.AttributesToSearchOn, settings);
        FilterableChecks.Distinct(request.Distinct, settings.FilterableAttributes);
        if (request.Sort is { Count: > 0 } sort)
        {
            if (!settings.RankingRules.Contains("sort"))
            {
                throw new MeiliException(ErrorCode.InvalidSearchSort,
                    "You must specify where `sort` is listed in the rankingRules setting to use the sort parameter at search time.");
            }
            _sort = SortSpec.ParseRequest(sort, settings);
        }
        var q = request.Q ?? string.Empty;
        if (q.Length > 0)
        {
            Terms = QueryBuilder.Build(q, settings, context.Tokenizer, context.Dictionary);
        }
        var placeholder = Terms.Count == 0;
        _plan = new RankingPlan(settings, _sort, placeholder);
        _relevancyKinds = [.. _plan.Entries.Where(e => e.Sort is null).Select(e => e.Kind)];
        _rankCount = _relevancyKinds.Length;
        _segmentCount = CountSegments();
        _distinct = request.Distinct ?? settings.DistinctAttribute;
        var maxTotal = settings.MaxTotalHits;
        offset = Math.Min(offset, maxTotal);
        limit = Math.Max(0, Math.Min(limit, maxTotal - offset));
        if (placeholder)
        {
            CollectPlaceholder(q.Length > 0);
        }
        else
        {
            CollectRanked(offset + limit);
        }
        return Page(offset, limit);
    }

    /// <summary>Runs of consecutive relevancy entries, as ranges over the rank indexes.</summary>
    private int CountSegments()
    {
        var ranges = new List<(int, int)>();
        var r = 0;
        var entries = _plan.Entries;
        for (var e = 0; e < entries.Count;)
        {
            if (entries[e].Sort is not null)
            {
                e++;
                continue;
            }
            var start = r;
            while (e < entries.Count && entries[e].Sort is null)
            {
                e++;
                r++;
            }
            ranges.Add((start, r));
        }
        _segmentRanges = [.. ranges];
        return ranges.Count;
    }

    private void CollectPlaceholder(bool nonEmptyQuery)
    {
        // A query made only of separators or unknown stop words matches nothing in Meilisearch
        // only when it had words; an empty query matches everything.
        if (nonEmptyQuery && HasWords(request.Q!))
        {
            return;
        }
        foreach (var doc in universe)
        {
            Add(doc, [], 1.0);
        }
    }

    private bool HasWords(string q)
    {
        var tokens = new List<Text.Token>();
        var last = -1;
        context.Tokenizer.Reset();
        context.Tokenizer.Tokenize(q, ref last, false, tokens);
        return tokens.Exists(t => !t.IsStopWord);
    }

    private void CollectRanked(int needed)
    {
        var settings = context.Settings;
        var fieldCount = context.Fields.Count;
        var allowed = new bool[fieldCount];
        var typoForbidden = new bool[fieldCount];
        for (var f = 0; f < fieldCount; f++)
        {
            var name = context.Fields.NameOf(f);
            allowed[f] = context.Searchable.WeightOf(f) >= 0 && IsSearchedOn(name);
            typoForbidden[f] = MatchesAny(settings.TypoTolerance.DisableOnAttributes, name);
        }
        var idLimit = context.Documents.IdLimit;
        var stats = new TermStats[Terms.Count];
        var occurrences = new TermOccurrences?[Terms.Count];
        try
        {
            for (var t = 0; t < Terms.Count; t++)
            {
                stats[t] = new TermStats(Terms[t], idLimit, universe, context.Searchable, allowed, typoForbidden);
            }
            var removalOrder = RemovalOrder();
            var ranker = new DocumentRanker(context, Terms, stats, occurrences, removalOrder, request.MatchingStrategy == Search.MatchingStrategy.All);
            var positions = new PositionGatherer(Terms, stats, occurrences, idLimit, allowed, typoForbidden);
            if (CanRankLazily(removalOrder))
            {
                RankBuckets(ranker, stats, positions, needed);
            }
            else
            {
                RankAll(ranker, stats, positions);
            }
        }
        finally
        {
            foreach (var s in stats)
            {
                s?.Dispose();
            }
            foreach (var o in occurrences)
            {
                o?.Dispose();
            }
        }
    }

    /// <summary>Ranks every candidate on every rule: needed for a score threshold or distinct.</summary>
    private void RankAll(DocumentRanker ranker, TermStats[] stats, PositionGatherer positions)
    {
        foreach (var s in stats)
        {
            s.DetailWeights(universe);
            s.DetailPositions(universe);
            s.DetailExact(universe);
        }
        if (_plan.Has(ScoreDetailKind.Proximity))
        {
            positions.Gather(universe);
        }
        var survivor = stats[ranker.Survivor];
        Span<Rank> ranks = stackalloc Rank[_rankCount];
        var threshold = request.RankingScoreThreshold;
        var idLimit = context.Documents.IdLimit;
        for (var doc = 0; doc < idLimit; doc++)
        {
            if (!survivor.Contains(doc) || !ranker.Rank(doc, _relevancyKinds, ranks))
            {
                continue;
            }
            var score = Rank.GlobalScore(ranks);
            if (threshold is { } min && score < min)
            {
                continue;
            }
            Add(doc, ranks, score);
        }
    }

    /// <summary>Query terms in the order the matching strategy drops them.</summary>
    private int[] RemovalOrder()
    {
        var n = Terms.Count;
        return request.MatchingStrategy switch
        {
            Search.MatchingStrategy.All => [],
            // Most frequent words go first; the rarest one is always kept.
            Search.MatchingStrategy.Frequency => [.. Enumerable.Range(0, n)
                .OrderByDescending(t => Terms[t].DocumentFrequency).ThenByDescending(t => t).Take(n - 1)],
            // Meilisearch drops plain words from the last one back, then phrases the same way, and keeps the
            // final term: `coco "dumbo"` falls back to `"dumbo"`, not to `coco`.
            _ => [.. Enumerable.Range(0, n).OrderBy(t => Terms[t].IsPhrase).ThenByDescending(t => t).Take(n - 1)],
        };
    }

    private bool IsSearchedOn(string field)
    {
        if (request.AttributesToSearchOn is not { } on || on.Contains("*"))
        {
            return true;
        }
        return MatchesAny(on, field);
    }

    private static bool MatchesAny(IReadOnlyList<string> attributes, string field)
    {
        foreach (var a in attributes)
        {
            if (field == a || (field.Length > a.Length && field.StartsWith(a, StringComparison.Ordinal) && field[a.Length] == '.'))
            {
                return true;
            }
        }
        return false;
    }

    private void Add(int doc, ReadOnlySpan<Rank> ranks, double score)
    {
        ranks.CopyTo(_ranks.AddRange(_rankCount));
        // Consecutive relevancy entries fold into one comparable segment score.
        var segments = _segments.AddRange(_segmentCount);
        for (var s = 0; s < _segmentRanges.Length; s++)
        {
            var (start, end) = _segmentRanges[s];
            segments[s] = Rank.GlobalScore(ranks[start..end]);
        }
        _candidates.Add(new Candidate(doc, score));
        Matches.Add(doc);
    }

    private readonly record struct Candidate(int Doc, double Score);
}
