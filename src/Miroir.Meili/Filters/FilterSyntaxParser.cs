using Miroir.Meili.Errors;

namespace Miroir.Meili.Filters;

/// <summary>
/// Hand-written recursive-descent parser of one filter string. It follows the grammar of
/// Meilisearch's filter parser (<c>or = and (OR and)*</c>, <c>and = not (AND not)*</c>,
/// <c>not = NOT not | primary</c>) and reproduces its error choices and positions, because SDKs
/// and users see those messages verbatim.
/// </summary>
internal sealed partial class FilterSyntaxParser(string source, ErrorCode code)
{
    /// <summary>Meilisearch's nesting limit; every grammar level counts one.</summary>
    public const int MaxDepth = 200;

    private readonly string _src = source;
    private readonly ErrorCode _code = code;
    private int _pos;

    public FilterNode ParseFilter()
    {
        var node = ParseOr(0);
        SkipWhitespace();
        if (_pos < _src.Length)
        {
            throw Error(
                $"Found unexpected characters at the end of the filter: `{EscapeDebug(_src[_pos..])}`. You probably forgot an `OR` or an `AND` rule.",
                _pos, _src.Length);
        }
        return node;
    }

    private FilterNode ParseOr(int depth)
    {
        CheckDepth(depth);
        var first = ParseAnd(depth + 1);
        List<FilterNode>? ors = null;
        while (TryKeyword("OR"))
        {
            (ors ??= [first]).Add(ParseAnd(depth + 1));
        }
        return ors is null ? first : new OrNode(ors);
    }

    private FilterNode ParseAnd(int depth)
    {
        CheckDepth(depth);
        var first = ParseNot(depth + 1);
        List<FilterNode>? ands = null;
        while (TryKeyword("AND"))
        {
            (ands ??= [first]).Add(ParseNot(depth + 1));
        }
        return ands is null ? first : new AndNode(ands);
    }

    private FilterNode ParseNot(int depth)
    {
        CheckDepth(depth);
        if (TryKeyword("NOT"))
        {
            var inner = ParseNot(depth + 1);
            // NOT NOT x is x, as in Meilisearch, so the AST stays canonical.
            return inner is NotNode not ? not.Inner : new NotNode(inner);
        }
        return ParsePrimary(depth + 1);
    }

    private FilterNode ParsePrimary(int depth)
    {
        CheckDepth(depth);
        var start = _pos;
        SkipWhitespace();
        if (Peek() == '(')
        {
            _pos++;
            SkipWhitespace();
            var inner = ParseOr(depth + 1);
            SkipWhitespace();
            if (Peek() != ')')
            {
                throw Error(
                    $"Expression `{EscapeDebug(_src[start..])}` is missing the following closing delimiter: `)`.",
                    start, _src.Length);
            }
            _pos++;
            SkipWhitespace();
            return inner;
        }

        var word = WordAt(_pos);
        if (word.SequenceEqual("_geoRadius"))
        {
            return ParseGeoRadius(start);
        }
        if (word.SequenceEqual("_geoBoundingBox"))
        {
            return ParseGeoBoundingBox(start);
        }

        if (!TryParseValue(out var field, out var error))
        {
            if (error.Failure || error.ReservedKeyword)
            {
                throw Error(error);
            }
            throw InvalidPrimary(start);
        }
        return ParseCondition(field, start);
    }

    /// <summary>Consumes <c>WS* keyword WS*</c> when the next word is exactly the keyword.</summary>
    private bool TryKeyword(string keyword)
    {
        var save = _pos;
        SkipWhitespace();
        var word = WordAt(_pos);
        if (word.SequenceEqual(keyword))
        {
            _pos += word.Length;
            SkipWhitespace();
            return true;
        }
        _pos = save;
        return false;
    }

    private void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error(
                "The filter exceeded the maximum depth limit. Try rewriting the filter so that it contains fewer nested conditions.",
                _pos, _src.Length);
        }
    }

    private char Peek() => _pos < _src.Length ? _src[_pos] : '\0';

    private void SkipWhitespace()
    {
        while (_pos < _src.Length && char.IsWhiteSpace(_src[_pos]))
        {
            _pos++;
        }
    }

    /// <summary>The run of word characters (letters, digits, <c>_ - .</c>) starting at <paramref name="at"/>.</summary>
    private ReadOnlySpan<char> WordAt(int at) => _src.AsSpan(at, WordEnd(at) - at);

    private int WordEnd(int at)
    {
        var i = at;
        while (i < _src.Length)
        {
            var c = _src[i];
            if (c is '_' or '-' or '.' || char.IsLetterOrDigit(c))
            {
                i++;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < _src.Length && char.IsLetterOrDigit(_src, i))
            {
                i += 2;
            }
            else
            {
                break;
            }
        }
        return i;
    }
}
