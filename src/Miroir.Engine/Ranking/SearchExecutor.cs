using Miroir.Engine.Errors;
using Miroir.Engine.Indexing;
using Miroir.Engine.Search;

namespace Miroir.Engine.Ranking;

/// <summary>
/// Runs one keyword (or placeholder) search: candidates, per-document ranks, bucket order
/// (lexicographic over the rules, sort criteria in their place), distinct, threshold, paging.
/// </summary>
internal sealed partial class SearchExecutor(SearchContext context, SearchRequest request, DocSet universe)
{
    private readonly List<Candidate> _candidates = [];
    private Rank[] _ranks = [];
    private double[] _segments = [];
    private int _rankCount;
    private int _segmentCount;
    private List<SortSpec> _sort = [];
    private RankingPlan _plan = null!;
    private ScoreDetailKind[] _relevancyKinds = [];

    public List<QueryTerm> Terms { get; private set; } = [];

    /// <summary>Every matching document (after threshold), before distinct and paging.</summary>
    public DocSet Matches { get; } = new();

    public (List<SearchHit> Hits, int Total) Run(int offset, int limit)
    {
        var settings = context.Settings;
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
        if (placeholder)
        {
            CollectPlaceholder(q.Length > 0);
        }
        else
        {
            CollectRanked();
        }
        return Page(offset, limit);
    }

    private int CountSegments()
    {
        var segments = 0;
        var inRelevancy = false;
        foreach (var e in _plan.Entries)
        {
            if (e.Sort is null && !inRelevancy)
            {
                segments++;
            }
            inRelevancy = e.Sort is null;
        }
        return segments;
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

    private void CollectRanked()
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
        var occurrences = new TermOccurrences[Terms.Count];
        try
        {
            for (var t = 0; t < Terms.Count; t++)
            {
                occurrences[t] = new TermOccurrences(Terms[t], idLimit, universe, allowed, typoForbidden);
            }
            var ranker = new DocumentRanker(context, Terms, occurrences, RemovalOrder(), request.MatchingStrategy == Search.MatchingStrategy.All);
            var survivor = occurrences[ranker.Survivor];
            Span<Rank> ranks = stackalloc Rank[_rankCount];
            var threshold = request.RankingScoreThreshold;
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
        finally
        {
            foreach (var o in occurrences)
            {
                o?.Dispose();
            }
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
            _ => [.. Enumerable.Range(1, Math.Max(0, n - 1)).Reverse()],
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
        var index = _candidates.Count;
        if ((index + 1) * _rankCount > _ranks.Length)
        {
            Array.Resize(ref _ranks, Math.Max(64, _ranks.Length * 2) + _rankCount);
        }
        if ((index + 1) * _segmentCount > _segments.Length)
        {
            Array.Resize(ref _segments, Math.Max(64, _segments.Length * 2) + _segmentCount);
        }
        ranks.CopyTo(_ranks.AsSpan(index * _rankCount));
        // Consecutive relevancy entries fold into one comparable segment score.
        var r = 0;
        var s = 0;
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
            _segments[(index * _segmentCount) + s++] = Rank.GlobalScore(ranks[start..r]);
        }
        _candidates.Add(new Candidate(doc, score));
        Matches.Add(doc);
    }

    private readonly record struct Candidate(int Doc, double Score);
}
