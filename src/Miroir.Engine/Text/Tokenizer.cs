using System.Globalization;
using Miroir.Meili.Text;

namespace Miroir.Engine.Text;

/// <summary>
/// Splits Latin text into normalised words like Meilisearch's tokenizer: words are runs of
/// letters and digits, everything else separates them; a hard separator (sentence end, line
/// break) or a new array element moves the position by <see cref="HardGap"/> so that words on
/// either side never count as close for the proximity rule.
/// </summary>
internal sealed partial class Tokenizer
{
    /// <summary>Position gap after a hard separator: Meilisearch's maximum proximity distance.</summary>
    public const int HardGap = 8;

    /// <summary>Positions past this are not indexed (Meilisearch stores them as u16).</summary>
    public const int MaxPosition = ushort.MaxValue;

    /// <summary>Words longer than this are skipped, as Meilisearch skips overlong keys.</summary>
    public const int MaxWordLength = 250;

    /// <summary>Default settings; like every instance it is not thread-safe: <see cref="Clone"/> it per thread.</summary>
    public static readonly Tokenizer Default = new([], [], [], []);

    private readonly string[] _separators;
    private readonly string[] _nonSeparators;
    private readonly string[] _dictionary;
    private readonly HashSet<string> _stopWords;
    private readonly bool _hasCustomTokens;
    private char[] _buffer = new char[256];

    private Tokenizer(Tokenizer other)
    {
        _separators = other._separators;
        _nonSeparators = other._nonSeparators;
        _dictionary = other._dictionary;
        _stopWords = other._stopWords;
        _hasCustomTokens = other._hasCustomTokens;
    }

    /// <summary>A tokenizer with the same configuration and its own buffer (one per thread).</summary>
    public Tokenizer Clone() => new(this);

    public static Tokenizer FromSettings(Settings.IndexSettings s) => new(s.SeparatorTokens, s.NonSeparatorTokens, s.Dictionary, s.StopWords);

    public Tokenizer(
        IReadOnlyList<string> separatorTokens,
        IReadOnlyList<string> nonSeparatorTokens,
        IReadOnlyList<string> dictionary,
        IReadOnlyList<string> stopWords)
    {
        // Longest first so that "..." wins over ".", and custom tokens are matched folded.
        _separators = [.. separatorTokens.Where(s => s.Length > 0).Select(TextNormalizer.Normalize).OrderByDescending(s => s.Length)];
        _nonSeparators = [.. nonSeparatorTokens.Where(s => s.Length > 0).Select(TextNormalizer.Normalize).OrderByDescending(s => s.Length)];
        _dictionary = [.. dictionary.Where(s => s.Length > 0).Select(TextNormalizer.Normalize).OrderByDescending(s => s.Length)];
        _stopWords = new HashSet<string>(stopWords.Select(TextNormalizer.Normalize), StringComparer.Ordinal);
        _hasCustomTokens = _separators.Length + _nonSeparators.Length + _dictionary.Length > 0;
    }

    /// <summary>The normalised text of tokens produced by the last call.</summary>
    public ReadOnlySpan<char> Normalized(in Token token) => _buffer.AsSpan(token.NormStart, token.NormLength);

    public string NormalizedString(in Token token) => new(_buffer, token.NormStart, token.NormLength);

    public bool IsStopWord(string normalizedWord) => _stopWords.Count > 0 && _stopWords.Contains(normalizedWord);

    /// <summary>
    /// Appends the words of <paramref name="span"/> to <paramref name="tokens"/>.
    /// <paramref name="lastPosition"/> is the position of the previous word of the same
    /// attribute (-1 when none) and is advanced; <paramref name="hardStart"/> puts a hard
    /// gap before the first word (a new array element). Normalised forms stay valid until
    /// <see cref="Reset"/>.
    /// </summary>
    public void Tokenize(ReadOnlySpan<char> span, ref int lastPosition, bool hardStart, List<Token> tokens)
    {
        var i = 0;
        var gap = hardStart ? HardGap : 1;
        while (i < span.Length)
        {
            if (_hasCustomTokens && TryCustom(span, ref i, ref lastPosition, ref gap, tokens))
            {
                continue;
            }
            var c = span[i];
            if (IsWordChar(c, span, i))
            {
                var start = i;
                i++;
                while (i < span.Length)
                {
                    if (_hasCustomTokens)
                    {
                        if (MatchesAny(_separators, span, i) > 0)
                        {
                            break;
                        }
                        var keep = MatchesAny(_nonSeparators, span, i);
                        if (keep > 0)
                        {
                            i += keep;
                            continue;
                        }
                    }
                    if (!IsWordChar(span[i], span, i) && !IsNumberJoiner(span, i))
                    {
                        break;
                    }
                    i++;
                }
                Emit(span, start, i - start, ref lastPosition, ref gap, tokens);
                continue;
            }
            if (IsHardSeparator(c))
            {
                gap = HardGap;
            }
            i++;
        }
    }

    /// <summary>Forgets the normalised forms of earlier tokens (call between documents).</summary>
    public void Reset() => _used = 0;

    private int _used;

    private void Emit(ReadOnlySpan<char> span, int start, int length, ref int lastPosition, ref int gap, List<Token> tokens)
    {
        var word = span.Slice(start, length);
        EnsureBuffer(word.Length);
        var n = TextNormalizer.Normalize(word, _buffer.AsSpan(_used));
        if (n == 0 || n > MaxWordLength)
        {
            return;
        }
        var position = lastPosition < 0 ? 0 : lastPosition + gap;
        gap = 1;
        if (position > MaxPosition)
        {
            return;
        }
        lastPosition = position;
        var isStop = _stopWords.Count > 0 && _stopWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(_buffer.AsSpan(_used, n));
        tokens.Add(new Token(start, length, position, _used, n, isStop));
        _used += n;
    }

    private void EnsureBuffer(int extra)
    {
        if (_used + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + extra));
        }
    }

    private static bool IsWordChar(char c, ReadOnlySpan<char> span, int i)
    {
        if (c < 0x80)
        {
            return char.IsAsciiLetterOrDigit(c);
        }
        var cat = char.GetUnicodeCategory(c);
        return cat switch
        {
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => i > 0,
            UnicodeCategory.Surrogate => true,
            _ => char.IsLetterOrDigit(c),
        };
    }

    /// <summary>Keeps "3.14" and "1,000" whole, as Unicode word segmentation does.</summary>
    private static bool IsNumberJoiner(ReadOnlySpan<char> span, int i) =>
        span[i] is '.' or ',' && i > 0 && i + 1 < span.Length && char.IsAsciiDigit(span[i - 1]) && char.IsAsciiDigit(span[i + 1]);

    private static bool IsHardSeparator(char c) =>
        c is '.' or '!' or '?' or ';' or '\n' or '\r' or '¡' or '¿' or '…' or '。' or '？' or '！' or '|';
}
