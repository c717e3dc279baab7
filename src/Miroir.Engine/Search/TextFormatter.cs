using System.Globalization;
using System.Text;
using System.Text.Json;
using Miroir.Engine.Ranking;
using Miroir.Engine.Text;
using Miroir.Meili.Text;

namespace Miroir.Engine.Search;

/// <summary>
/// Highlights and crops string values for <c>_formatted</c>, and finds the byte ranges of
/// matched words for <c>_matchesPosition</c>. One per search result, used under its lock: its
/// buffers are reused from value to value and hit to hit.
/// </summary>
internal sealed partial class TextFormatter(Tokenizer tokenizer, MatchingWords words)
{
    private readonly List<Token> _tokens = [];
    private char[] _text = new char[256];
    private char[] _output = new char[512];
    private int _outputLength;

    /// <summary>The current hit's match positions.</summary>
    public MatchPositions Positions { get; } = new();

    /// <summary>The array indices on the path of the value being read (for <c>_matchesPosition</c>).</summary>
    public List<int> ArrayIndices { get; } = [];

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

    /// <summary>
    /// Records the UTF-8 byte ranges of the words of <paramref name="text"/> the query matched as the
    /// positions of <paramref name="path"/>, replacing those of an earlier value of the same path (an
    /// earlier array element): Meilisearch keeps one value's matches per path.
    /// </summary>
    public void AddMatches(ReadOnlySpan<char> text, ReadOnlySpan<byte> path)
    {
        Tokenize(text);
        var field = -1;
        foreach (var token in _tokens)
        {
            if (words.TryMatch(tokenizer.Normalized(token), out var chars, out _))
            {
                if (field < 0)
                {
                    field = Positions.StartValue(path, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ArrayIndices));
                }
                var length = MatchLength(text, token, chars);
                Positions.Add(field, Encoding.UTF8.GetByteCount(text[..token.Start]), Encoding.UTF8.GetByteCount(text.Slice(token.Start, length)));
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="text"/> highlighted and/or cropped as a JSON string. A crop length of 0
    /// does not crop, as in Meilisearch.
    /// </summary>
    public void WriteFormatted(Utf8JsonWriter writer, ReadOnlySpan<char> text, bool highlight, int? cropLength,
        string preTag, string postTag, string cropMarker)
    {
        Tokenize(text);
        var (cropStart, cropEnd) = cropLength is { } length and > 0 ? CropBounds(text, length) : (0, text.Length);
        _outputLength = 0;
        if (cropStart > 0)
        {
            Append(cropMarker);
        }
        var cursor = cropStart;
        if (highlight && !words.IsEmpty)
        {
            foreach (var token in _tokens)
            {
                if (token.Start < cropStart)
                {
                    continue;
                }
                if (token.Start + token.Length > cropEnd)
                {
                    break;
                }
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
