using System.Globalization;
using System.Text;
using System.Text.Json;
using Miroir.Engine.Ranking;
using Miroir.Engine.Text;

namespace Miroir.Engine.Search;

/// <summary>
/// Highlights and crops string values for <c>_formatted</c>, and finds the byte ranges of
/// matched words for <c>_matchesPosition</c>. One per search result, used under its lock: its
/// buffers are reused from value to value and hit to hit.
/// </summary>
internal sealed class TextFormatter(Tokenizer tokenizer, MatchingWords words)
{
    private readonly List<Token> _tokens = [];
    private char[] _text = new char[256];
    private char[] _output = new char[512];
    private int _outputLength;
    private int[] _wordOfToken = [];
    private int[] _wordCounts = [];

    /// <summary>The current hit's match positions.</summary>
    public MatchPositions Positions { get; } = new();

    /// <summary>
    /// The string or number the reader is on as <c>_formatted</c> shows it (numbers as
    /// their text; integers normalised); valid until the next call.
    /// </summary>
    public ReadOnlySpan<char> ReadValue(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        // UTF-8 and escapes never take fewer bytes than the UTF-16 chars they stand for.
        if (_text.Length < Math.Max(raw.Length, 20))
        {
            _text = new char[Math.Max(_text.Length * 2, raw.Length)];
        }
        if (reader.TokenType == JsonTokenType.String)
        {
            return _text.AsSpan(0, reader.CopyString(_text));
        }
        if (reader.TryGetInt64(out var integer))
        {
            integer.TryFormat(_text, out var written, default, CultureInfo.InvariantCulture);
            return _text.AsSpan(0, written);
        }
        return _text.AsSpan(0, Encoding.UTF8.GetChars(raw, _text));
    }

    /// <summary>Adds the UTF-8 byte ranges of the words of <paramref name="text"/> the query matched.</summary>
    public void AddMatches(ReadOnlySpan<char> text, ReadOnlySpan<byte> path)
    {
        Tokenize(text);
        foreach (var token in _tokens)
        {
            if (words.TryMatch(tokenizer.Normalized(token), out var chars, out _))
            {
                var length = MatchLength(text, token, chars);
                Positions.Add(path, Encoding.UTF8.GetByteCount(text[..token.Start]), Encoding.UTF8.GetByteCount(text.Slice(token.Start, length)));
            }
        }
    }

    /// <summary>Writes <paramref name="text"/> highlighted and/or cropped as a JSON string.</summary>
    public void WriteFormatted(Utf8JsonWriter writer, ReadOnlySpan<char> text, bool highlight, int? cropLength,
        string preTag, string postTag, string cropMarker)
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
            writer.WriteStringValue(ReadOnlySpan<char>.Empty);
            return;
        }
        _outputLength = 0;
        if (cropStart > 0)
        {
            Append(cropMarker);
        }
        var cursor = cropStart;
        if (highlight && !words.IsEmpty)
        {
            for (var i = first; i <= last && i < _tokens.Count; i++)
            {
                var token = _tokens[i];
                if (!words.TryMatch(tokenizer.Normalized(token), out var chars, out _))
                {
                    continue;
                }
                var len = MatchLength(text, token, chars);
                Append(text[cursor..token.Start]);
                Append(preTag);
                Append(text.Slice(token.Start, len));
                Append(postTag);
                cursor = token.Start + len;
            }
        }
        Append(text[cursor..cropEnd]);
        if (cropEnd < text.Length)
        {
            Append(cropMarker);
        }
        writer.WriteStringValue(_output.AsSpan(0, _outputLength));
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (_outputLength + chars.Length > _output.Length)
        {
            Array.Resize(ref _output, Math.Max(_output.Length * 2, _outputLength + chars.Length));
        }
        chars.CopyTo(_output.AsSpan(_outputLength));
        _outputLength += chars.Length;
    }

    private void Tokenize(ReadOnlySpan<char> text)
    {
        _tokens.Clear();
        tokenizer.Reset();
        var last = -1;
        tokenizer.Tokenize(text, ref last, false, _tokens);
    }

    /// <summary>
    /// The window of <paramref name="length"/> words with the most distinct matched words (the
    /// first such window), then centred on its matches.
    /// </summary>
    private (int First, int Last) CropWindow(int length)
    {
        var n = _tokens.Count;
        if (_wordOfToken.Length < n)
        {
            _wordOfToken = new int[Math.Max(n, _wordOfToken.Length * 2)];
        }
        if (_wordCounts.Length < words.Count)
        {
            _wordCounts = new int[words.Count];
        }
        var matched = _wordOfToken.AsSpan(0, n);
        var counts = _wordCounts.AsSpan(0, words.Count);
        counts.Clear();
        for (var i = 0; i < n; i++)
        {
            matched[i] = words.TryMatch(tokenizer.Normalized(_tokens[i]), out _, out var word) ? word : -1;
        }
        // Slide the window one word at a time, keeping a count per distinct matched word.
        var distinct = 0;
        var bestStart = 0;
        var bestScore = 0;
        for (var i = 0; i < n; i++)
        {
            if (matched[i] >= 0 && counts[matched[i]]++ == 0)
            {
                distinct++;
            }
            var start = i - length + 1;
            if (start > 0 && matched[start - 1] >= 0 && --counts[matched[start - 1]] == 0)
            {
                distinct--;
            }
            if (start >= 0 && distinct > bestScore)
            {
                bestScore = distinct;
                bestStart = start;
            }
        }
        if (bestScore == 0)
        {
            return (0, length - 1);
        }
        var firstMatch = bestStart;
        while (matched[firstMatch] < 0)
        {
            firstMatch++;
        }
        var lastMatch = bestStart + length - 1;
        while (matched[lastMatch] < 0)
        {
            lastMatch--;
        }
        var slack = length - (lastMatch - firstMatch + 1);
        var windowStart = Math.Clamp(firstMatch - (slack / 2), 0, n - length);
        return (windowStart, windowStart + length - 1);
    }

    /// <summary>UTF-16 length to highlight: the whole token, or the chars covering a prefix match.</summary>
    private static int MatchLength(ReadOnlySpan<char> text, in Token token, int normalizedChars)
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
}
