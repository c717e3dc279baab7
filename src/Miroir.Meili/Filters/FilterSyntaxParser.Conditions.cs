namespace Miroir.Meili.Filters;

/// <summary>The operators that follow an attribute name.</summary>
internal sealed partial class FilterSyntaxParser
{
    private FilterNode ParseCondition(FilterToken field, int start)
    {
        if (TryComparisonOperator(out var op))
        {
            return new ComparisonNode(field, op, ExpectValue());
        }

        var save = _pos;
        if (TryKeyword("IN"))
        {
            return new InNode(field, ParseInBody());
        }
        if (TryKeyword("EXISTS"))
        {
            return new FieldTestNode(field, FieldTest.Exists);
        }
        if (TryKeyword("CONTAINS"))
        {
            return new TextMatchNode(field, ExpectValue(), Prefix: false);
        }
        if (TryKeyword("STARTS"))
        {
            return TryKeyword("WITH") ? new TextMatchNode(field, ExpectValue(), Prefix: true) : throw InvalidPrimary(start);
        }
        if (TryKeyword("IS"))
        {
            var negate = TryKeyword("NOT");
            FilterNode test = TryKeyword("NULL") ? new FieldTestNode(field, FieldTest.IsNull)
                : TryKeyword("EMPTY") ? new FieldTestNode(field, FieldTest.IsEmpty)
                : throw InvalidPrimary(start);
            return negate ? new NotNode(test) : test;
        }
        if (TryKeyword("NOT"))
        {
            FilterNode inner = TryKeyword("IN") ? new InNode(field, ParseInBody())
                : TryKeyword("EXISTS") ? new FieldTestNode(field, FieldTest.Exists)
                : TryKeyword("CONTAINS") ? new TextMatchNode(field, ExpectValue(), Prefix: false)
                : TryKeyword("STARTS") && TryKeyword("WITH") ? new TextMatchNode(field, ExpectValue(), Prefix: true)
                : throw InvalidPrimary(start);
            return new NotNode(inner);
        }

        // `field from TO to`
        _pos = save;
        if (!TryParseValue(out var from, out var error))
        {
            throw error.Failure ? Error(error) : InvalidPrimary(start);
        }
        if (!TryKeyword("TO"))
        {
            throw InvalidPrimary(start);
        }
        return new RangeNode(field, from, ExpectValue());
    }

    private bool TryComparisonOperator(out ComparisonOperator op)
    {
        var rest = _src.AsSpan(_pos);
        (op, var length) = rest switch
        {
            _ when rest.StartsWith("<=") => (ComparisonOperator.LowerThanOrEqual, 2),
            _ when rest.StartsWith(">=") => (ComparisonOperator.GreaterThanOrEqual, 2),
            _ when rest.StartsWith("!=") => (ComparisonOperator.NotEqual, 2),
            _ when rest.StartsWith("<") => (ComparisonOperator.LowerThan, 1),
            _ when rest.StartsWith(">") => (ComparisonOperator.GreaterThan, 1),
            _ when rest.StartsWith("=") => (ComparisonOperator.Equal, 1),
            _ => (ComparisonOperator.Equal, 0),
        };
        _pos += length;
        return length > 0;
    }

    /// <summary><c>"[" value ("," value)* ","? "]"</c>, right after the <c>IN</c> keyword.</summary>
    private List<FilterToken> ParseInBody()
    {
        if (Peek() != '[')
        {
            throw Error("Expected `[` after `IN` keyword.", _pos, _src.Length);
        }
        _pos++;
        var values = new List<FilterToken>();
        var save = _pos;
        if (TryParseValue(out var first, out var error))
        {
            values.Add(first);
            while (true)
            {
                save = _pos;
                SkipWhitespace();
                if (Peek() != ',')
                {
                    _pos = save;
                    break;
                }
                _pos++;
                SkipWhitespace();
                if (!TryParseValue(out var next, out error))
                {
                    if (error.Failure)
                    {
                        throw Error(error);
                    }
                    _pos = save;
                    break;
                }
                values.Add(next);
            }
            SkipWhitespace();
            if (Peek() == ',')
            {
                _pos++;
                SkipWhitespace();
            }
        }
        else if (error.Failure)
        {
            throw Error(error);
        }
        else
        {
            _pos = save;
        }

        var beforeClose = _pos;
        SkipWhitespace();
        if (Peek() != ']')
        {
            if (beforeClose >= _src.Length)
            {
                throw Error("Expected matching `]` after the list of field names given to `IN[`", beforeClose, beforeClose);
            }
            throw Error(
                $"Expected only comma-separated field names inside `IN[..]` but instead found `{EscapeDebug(_src[beforeClose..])}`.",
                beforeClose, _src.Length);
        }
        _pos++;
        SkipWhitespace();
        return values;
    }
}
