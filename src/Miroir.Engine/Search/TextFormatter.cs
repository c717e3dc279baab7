using System.Text;
using Miroir.Engine.Ranking;
using Miroir.Engine.Text;

namespace Miroir.Engine.Search;

/// <summary>
/// Highlights and crops one string value for <c>_formatted</c>, and finds the byte ranges of
/// matched words for <c>_matchesPosition</c>.
/// </summary>
internal sealed class TextFormatter(Tokenizer tokenizer, MatchingWords words)
{
    private readonly List<Token> _tokens = [];

    /// <summary>Matched spans of <paramref name="text"/> as UTF-16 (start, length).</summary>
    public List<(int Start, int Length)> Matches(string text)
    {
        Tokenize(text);
        var result = new List<(int, int)>();
        foreach (var token in _tokens)
        {
            if (words.TryMatch(tokenizer.Normalized(token), out var chars))
            {
                result.Add((token.Start, MatchLength(text, token, chars)));
            }
        }
        return result;
    }

    public string Format(string text, bool highlight, int? cropLength, string preTag, string postTag, string cropMarker)
    {
        Tokenize(text);
        var first = 0;
        var last = _tokens.Count - 1;
        var cropStart = 0;
        var cropEnd = text.Length;
        if (cropLength is { } length && _tokens.Count > length)
        {
            (first, last) = CropWindow(Math.Max(length, 1));
            cropStart = first == 0 ? 0 : _tokens[first].Start;
            cropEnd = last == _tokens.Count - 1 ? text.Length : _tokens[last].Start + _tokens[last].Length;
        }
        if (cropLength is 0)
        {
            return string.Empty;
        }
        var sb = new StringBuilder(text.Length + 16);
        if (cropStart > 0)
        {
            sb.Append(cropMarker);
        }
        var cursor = cropStart;
        if (highlight && !words.IsEmpty)
        {
            for (var i = first; i <= last && i < _tokens.Count; i++)
            {
                var token = _tokens[i];
                if (!words.TryMatch(tokenizer.Normalized(token), out var chars))
                {
                    continue;
                }
                var len = MatchLength(text, token, chars);
                sb.Append(text, cursor, token.Start - cursor).Append(preTag).Append(text, token.Start, len).Append(postTag);
                cursor = token.Start + len;
            }
        }
        sb.Append(text, cursor, cropEnd - cursor);
        if (cropEnd < text.Length)
        {
            sb.Append(cropMarker);
        }
        return sb.ToString();
    }

    private void Tokenize(string text)
    {
        _tokens.Clear();
        tokenizer.Reset();
        var last = -1;
        tokenizer.Tokenize(text, ref last, false, _tokens);
    }

    /// <summary>The window of <paramref name="length"/> words with the most distinct matches, centred on them.</summary>
    private (int First, int Last) CropWindow(int length)
    {
        var n = _tokens.Count;
        var matched = new string?[n];
        for (var i = 0; i < n; i++)
        {
            var w = tokenizer.Normalized(_tokens[i]);
            matched[i] = words.TryMatch(w, out _) ? w.ToString() : null;
        }
        var bestStart = 0;
        var bestScore = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s + length <= n; s++)
        {
            distinct.Clear();
            for (var i = s; i < s + length; i++)
            {
                if (matched[i] is { } m)
                {
                    distinct.Add(m);
                }
            }
            if (distinct.Count > bestScore)
            {
                bestScore = distinct.Count;
                bestStart = s;
            }
        }
        if (bestScore == 0)
        {
            return (0, length - 1);
        }
        var firstMatch = bestStart;
        while (matched[firstMatch] is null)
        {
            firstMatch++;
        }
        var lastMatch = bestStart + length - 1;
        while (matched[lastMatch] is null)
        {
            lastMatch--;
        }
        var slack = length - (lastMatch - firstMatch + 1);
        var start = Math.Clamp(firstMatch - (slack / 2), 0, n - length);
        return (start, start + length - 1);
    }

    /// <summary>UTF-16 length to highlight: the whole token, or the chars covering a prefix match.</summary>
    private static int MatchLength(string text, in Token token, int normalizedChars)
    {
        if (normalizedChars < 0 || normalizedChars >= token.Length)
        {
            return token.Length;
        }
        var counted = 0;
        var i = token.Start;
        var end = token.Start + token.Length;
        while (i < end && counted < normalizedChars)
        {
            if (!CharFolding.IsCombiningMark(text[i]))
            {
                counted++;
            }
            i++;
        }
        while (i < end && CharFolding.IsCombiningMark(text[i]))
        {
            i++;
        }
        return i - token.Start;
    }

    public static int Utf8Length(string text, int start, int length) => Encoding.UTF8.GetByteCount(text.AsSpan(start, length));
}
