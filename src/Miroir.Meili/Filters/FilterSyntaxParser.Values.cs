using System.Globalization;
using System.Text;

namespace Miroir.Meili.Filters;

/// <summary>Values: bare words, single- or double-quoted strings with escapes.</summary>
internal sealed partial class FilterSyntaxParser
{
    private static readonly string[] Keywords =
        ["AND", "OR", "IN", "NOT", "TO", "EXISTS", "IS", "NULL", "EMPTY", "CONTAINS", "STARTS", "WITH", "_geoRadius", "_geoBoundingBox"];

    /// <summary>A value that the grammar requires here: any error is reported as is.</summary>
    private FilterToken ExpectValue() =>
        TryParseValue(out var token, out var error) ? token : throw Error(error);

    /// <summary>
    /// <c>WS* (word | 'quoted' | "quoted") WS*</c>. On failure <paramref name="error"/> says whether
    /// the caller may still try another reading (<see cref="SyntaxError.Failure"/> false), as the
    /// alternatives of Meilisearch's grammar do.
    /// </summary>
    private bool TryParseValue(out FilterToken token, out SyntaxError error)
    {
        token = default;
        SkipWhitespace();
        var start = _pos;
        var rest = _src.AsSpan(start);
        var word = WordAt(start);
        if (rest.StartsWith("_geoPoint") || rest.StartsWith("_geoDistance") || word.SequenceEqual("_geo"))
        {
            var name = rest.StartsWith("_geoPoint") ? "_geoPoint" : rest.StartsWith("_geoDistance") ? "_geoDistance" : "_geo";
            error = new SyntaxError(ReservedGeoMessage(name), start, _src.Length, Failure: true);
            return false;
        }
        if (word.SequenceEqual("_geoRadius") || word.SequenceEqual("_geoBoundingBox"))
        {
            error = new SyntaxError(
                $"The `{word}` filter is an operation and can't be used as a value.", start, _src.Length, Failure: true);
            return false;
        }

        var c = Peek();
        string raw;
        int valueStart;
        if (c is '\'' or '"')
        {
            var close = FindClosingQuote(start + 1, c);
            if (close < 0)
            {
                error = new SyntaxError(
                    $"Expression `{EscapeDebug(_src[start..])}` is missing the following closing delimiter: `{c}`.",
                    start, _src.Length, Failure: true);
                return false;
            }
            valueStart = start + 1;
            raw = _src[valueStart..close];
            _pos = close + 1;
        }
        else if (word.Length == 0 || IsKeyword(word))
        {
            var end = start;
            while (end < _src.Length && !IsSyntaxChar(_src[end]))
            {
                end++;
            }
            var got = _src[start..end];
            var message = got.Trim().Length == 0 ? "Was expecting a value but instead got nothing."
                : word.Length == 0 ? $"Was expecting a value but instead got `{EscapeDebug(got)}`."
                : $"Was expecting a value but instead got `{EscapeDebug(got)}`, which is a reserved keyword. To use `{EscapeDebug(got)}` as a field name or a value, surround it by quotes.";
            error = new SyntaxError(message, start, end, Failure: false, ReservedKeyword: word.Length > 0);
            return false;
        }
        else
        {
            valueStart = start;
            raw = word.ToString();
            _pos = start + word.Length;
        }

        if (!TryUnescape(raw, out var value, out var escapeError))
        {
            error = new SyntaxError($"{escapeError}: `{EscapeDebug(raw)}`.", valueStart, valueStart + raw.Length, Failure: false);
            return false;
        }
        token = new FilterToken(value, valueStart, raw.Length, _src);
        error = default;
        SkipWhitespace();
        return true;
    }

    private int FindClosingQuote(int from, char quote)
    {
        for (var i = from; i < _src.Length; i++)
        {
            if (_src[i] == quote)
            {
                return i;
            }
            if (_src[i] == '\\')
            {
                i++;
            }
        }
        return -1;
    }

    private static bool IsKeyword(ReadOnlySpan<char> word)
    {
        foreach (var keyword in Keywords)
        {
            if (word.SequenceEqual(keyword))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsSyntaxChar(char c) => char.IsWhiteSpace(c) || c is '(' or ')' or '=' or '<' or '>' or '!';

    /// <summary>Resolves backslash escapes the way Rust string literals spell them.</summary>
    private static bool TryUnescape(string raw, out string value, out string error)
    {
        error = "";
        if (!raw.Contains('\\', StringComparison.Ordinal))
        {
            value = raw;
            return true;
        }
        var sb = new StringBuilder(raw.Length);
        value = raw;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (++i >= raw.Length)
            {
                error = "Malformed value";
                return false;
            }
            switch (raw[i])
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case '0': sb.Append('\0'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case '\\' or '\'' or '"' or '/': sb.Append(raw[i]); break;
                case 'x' or 'u':
                    if (!TryHexEscape(raw, ref i, sb))
                    {
                        error = "Found an invalid escaped sequence number";
                        return false;
                    }
                    break;
                default:
                    error = "Malformed value";
                    return false;
            }
        }
        value = sb.ToString();
        return true;
    }

    /// <summary><c>\xHH</c>, <c>\uHHHH</c> or <c>\u{H..}</c>; <paramref name="i"/> is on the letter.</summary>
    private static bool TryHexEscape(string raw, ref int i, StringBuilder sb)
    {
        var braced = raw[i] == 'u' && i + 1 < raw.Length && raw[i + 1] == '{';
        int digitsStart = braced ? i + 2 : i + 1;
        int digitsEnd = braced ? raw.IndexOf('}', digitsStart) : Math.Min(raw.Length, digitsStart + (raw[i] == 'x' ? 2 : 4));
        if (digitsEnd < 0 || digitsEnd == digitsStart
            || !int.TryParse(raw.AsSpan(digitsStart, digitsEnd - digitsStart), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            || !Rune.IsValid(code))
        {
            return false;
        }
        sb.Append(new Rune(code).ToString());
        i = braced ? digitsEnd : digitsEnd - 1;
        return true;
    }
}
