using Miroir.Engine.Indexing;
using Miroir.Engine.Settings;
using Miroir.Engine.Text;
using Miroir.Meili.Text;

namespace Miroir.Engine.Ranking;

/// <summary>
/// Parses <c>q</c> into <see cref="QueryTerm"/>s with their derivations, following
/// Meilisearch: at most 10 words, stop words dropped, the last word is a prefix unless the
/// query ends with a separator, typo budget by word length with a first-letter typo costing 2.
/// </summary>
internal static class QueryBuilder
{
    public const int MaxWords = 10;
    public const int MaxOneTypoDerivations = 150;
    public const int MaxTwoTypoDerivations = 50;

    public static List<QueryTerm> Build(string q, IndexSettings settings, Tokenizer tokenizer, TermDictionary dictionary)
    {
        var tokens = new List<Token>();
        tokenizer.Reset();
        var last = -1;
        tokenizer.Tokenize(q, ref last, false, tokens);
        if (tokens.Count > MaxWords)
        {
            tokens.RemoveRange(MaxWords, tokens.Count - MaxWords);
        }
        var endsInWord = tokens.Count > 0 && tokens[^1].Start + tokens[^1].Length == q.Length;
        var prefixAllowed = settings.PrefixSearch != "disabled";
        var quotes = QuoteRanges(q);
        var terms = new List<QueryTerm>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var quote = QuoteOf(quotes, token.Start);
            if (quote >= 0)
            {
                // A quoted phrase is one term: its words must follow each other.
                var phrase = new List<string?>();
                var start = i;
                while (i < tokens.Count && QuoteOf(quotes, tokens[i].Start) == quote)
                {
                    phrase.Add(tokens[i].IsStopWord ? null : tokenizer.NormalizedString(tokens[i]));
                    i++;
                }
                i--;
                var phraseTerm = new QueryTerm(string.Join(' ', phrase.Where(w => w is not null)), start, false, 0) { IsPhrase = true };
                if (PhraseMatcher.Build(phrase, dictionary) is { } postings)
                {
                    phraseTerm.Derivations.Add(new Derivation(phraseTerm.Word, postings, 0, DerivationKind.Exact));
                }
                terms.Add(phraseTerm);
                continue;
            }
            var word = tokenizer.NormalizedString(token);
            var isLast = i == tokens.Count - 1;
            if (token.IsStopWord && !(isLast && tokens.Count == 1))
            {
                continue;
            }
            var term = new QueryTerm(word, i, isLast && endsInWord && prefixAllowed, TypoBudget(word, settings.TypoTolerance));
            Derive(term, settings, dictionary);
            terms.Add(term);
        }
        return terms;
    }

    /// <summary>The [open, close) spans between double quotes; an unclosed quote runs to the end.</summary>
    private static List<(int Open, int Close)> QuoteRanges(string q)
    {
        var ranges = new List<(int, int)>();
        var open = -1;
        for (var i = 0; i < q.Length; i++)
        {
            if (q[i] != '"')
            {
                continue;
            }
            if (open < 0)
            {
                open = i;
            }
            else
            {
                ranges.Add((open, i));
                open = -1;
            }
        }
        if (open >= 0)
        {
            ranges.Add((open, q.Length));
        }
        return ranges;
    }

    private static int QuoteOf(List<(int Open, int Close)> ranges, int offset)
    {
        for (var i = 0; i < ranges.Count; i++)
        {
            if (offset > ranges[i].Open && offset < ranges[i].Close)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Typos allowed for a word by its length and the typo settings.</summary>
    public static int TypoBudget(string word, TypoToleranceSettings typo)
    {
        if (!typo.Enabled || typo.DisableOnWords.Contains(word, StringComparer.Ordinal))
        {
            return 0;
        }
        if (typo.DisableOnNumbers && word.All(char.IsAsciiDigit))
        {
            return 0;
        }
        var length = word.Length;
        return length >= typo.TwoTypos ? 2 : length >= typo.OneTypo ? 1 : 0;
    }

    private static void Derive(QueryTerm term, IndexSettings settings, TermDictionary dictionary)
    {
        var word = term.Word;
        var seen = new HashSet<int>();
        var exact = dictionary.IndexOf(word);
        if (exact >= 0)
        {
            seen.Add(exact);
            term.Derivations.Add(new Derivation(word, dictionary.PostingsAt(exact), 0, DerivationKind.Exact));
        }
        if (term.IsPrefix)
        {
            AddPrefixes(term, dictionary, seen);
        }
        if (term.MaxTypos > 0 && word.Length > 0)
        {
            AddTypos(term, dictionary, seen);
        }
        AddSynonyms(term, settings, dictionary, seen);
    }

    /// <summary>
    /// Every word of the dictionary with the prefix, as Meilisearch's prefix databases hold them all. No cap: a cap
    /// keeps words by this index's own frequencies, so an index split over shards would match other documents than
    /// one index holding everything (facet counts and totals through the orchestrator would differ).
    /// </summary>
    private static void AddPrefixes(QueryTerm term, TermDictionary dictionary, HashSet<int> seen)
    {
        var (start, end) = dictionary.PrefixRange(term.Word);
        for (var i = start; i < end; i++)
        {
            if (seen.Add(i))
            {
                term.Derivations.Add(new Derivation(dictionary.TermAt(i), dictionary.PostingsAt(i), 0, DerivationKind.Prefix));
            }
        }
    }

    private static void AddTypos(QueryTerm term, TermDictionary dictionary, HashSet<int> seen)
    {
        var word = term.Word;
        var (start, end) = dictionary.PrefixRange(word.AsSpan(0, 1));
        var ones = 0;
        var twos = 0;
        void OnMatch(int index, int distance, int cost)
        {
            if (distance == 0 || seen.Contains(index))
            {
                return;
            }
            if (cost == 1 ? ones >= MaxOneTypoDerivations : twos >= MaxTwoTypoDerivations)
            {
                return;
            }
            _ = cost == 1 ? ones++ : twos++;
            seen.Add(index);
            term.Derivations.Add(new Derivation(dictionary.TermAt(index), dictionary.PostingsAt(index), cost, DerivationKind.Typo));
        }
        // Words keeping the first letter: their edit distance is the typo count.
        dictionary.FindWithin(word, term.MaxTypos, term.IsPrefix, start, end, int.MaxValue, (i, d) => OnMatch(i, d, d));
        if (term.MaxTypos == 2)
        {
            // A typo on the first letter counts as two: one edit, outside the first-letter range.
            dictionary.FindWithin(word, 1, term.IsPrefix, 0, start, int.MaxValue, (i, d) => OnMatch(i, d, 2));
            dictionary.FindWithin(word, 1, term.IsPrefix, end, dictionary.Count, int.MaxValue, (i, d) => OnMatch(i, d, 2));
        }
    }

    private static void AddSynonyms(QueryTerm term, IndexSettings settings, TermDictionary dictionary, HashSet<int> seen)
    {
        if (settings.Synonyms.Count == 0)
        {
            return;
        }
        foreach (var (key, values) in settings.Synonyms)
        {
            if (TextNormalizer.Normalize(key) != term.Word)
            {
                continue;
            }
            foreach (var value in values)
            {
                // Each word of a multi-word synonym counts as an alternative for this term.
                foreach (var part in TextNormalizer.Normalize(value).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var index = dictionary.IndexOf(part);
                    if (index >= 0 && seen.Add(index))
                    {
                        term.Derivations.Add(new Derivation(part, dictionary.PostingsAt(index), 0, DerivationKind.Synonym));
                    }
                }
            }
        }
    }
}
