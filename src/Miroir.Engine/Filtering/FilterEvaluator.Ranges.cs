using Miroir.Engine.Indexing;
using Miroir.Meili.Filters;

namespace Miroir.Engine.Filtering;

/// <summary>
/// Ordered comparisons. A numeric operand compares numbers (binary search over the sorted
/// number run); any other operand compares strings by normalised key, lexicographically.
/// </summary>
public static partial class FilterEvaluator
{
    private static DocSet Compare(FieldColumn? column, ComparisonOperator op, string operand, DocSet universe)
    {
        var matches = new DocSet(universe.Capacity);
        if (column is not null)
        {
            if (TryParseNumber(operand, out var number))
            {
                switch (op)
                {
                    case ComparisonOperator.GreaterThan:
                        column.AddNumberRange(number, false, double.PositiveInfinity, true, matches);
                        break;
                    case ComparisonOperator.GreaterThanOrEqual:
                        column.AddNumberRange(number, true, double.PositiveInfinity, true, matches);
                        break;
                    case ComparisonOperator.LowerThan:
                        column.AddNumberRange(double.NegativeInfinity, true, number, false, matches);
                        break;
                    default:
                        column.AddNumberRange(double.NegativeInfinity, true, number, true, matches);
                        break;
                }
            }
            else
            {
                var key = FieldColumn.Normalize(operand);
                switch (op)
                {
                    case ComparisonOperator.GreaterThan:
                        AddStringRange(column, key, false, null, true, matches);
                        break;
                    case ComparisonOperator.GreaterThanOrEqual:
                        AddStringRange(column, key, true, null, true, matches);
                        break;
                    case ComparisonOperator.LowerThan:
                        AddStringRange(column, null, true, key, false, matches);
                        break;
                    default:
                        AddStringRange(column, null, true, key, true, matches);
                        break;
                }
            }
        }
        matches.IntersectWith(universe);
        return matches;
    }

    private static DocSet Range(FieldColumn? column, string from, string to, DocSet universe)
    {
        var matches = new DocSet(universe.Capacity);
        if (column is not null)
        {
            if (TryParseNumber(from, out var low) && TryParseNumber(to, out var high))
            {
                column.AddNumberRange(low, true, high, true, matches);
            }
            else
            {
                AddStringRange(column, FieldColumn.Normalize(from), true, FieldColumn.Normalize(to), true, matches);
            }
        }
        matches.IntersectWith(universe);
        return matches;
    }

    /// <summary>Unions the documents of string values with a key in the range (null = unbounded).</summary>
    private static void AddStringRange(FieldColumn column, string? low, bool lowInclusive, string? high, bool highInclusive, DocSet into)
    {
        var ids = column.SortedStrings;
        var values = column.Values;
        var i = low is null ? 0 : column.StringLowerBound(low, lowInclusive);
        for (; i < ids.Length; i++)
        {
            var value = values[ids[i]];
            if (high is not null)
            {
                var c = string.CompareOrdinal(value.Key, high);
                if (c > 0 || (c == 0 && !highInclusive))
                {
                    break;
                }
            }
            if (value.Count > 0)
            {
                value.Docs.UnionInto(into);
            }
        }
    }

    private static DocSet TextMatch(FieldColumn? column, string operand, bool prefix, DocSet universe)
    {
        var matches = new DocSet(universe.Capacity);
        if (column is not null)
        {
            var needle = FieldColumn.Normalize(operand);
            var values = column.Values;
            if (prefix)
            {
                var ids = column.SortedStrings;
                for (var i = column.StringLowerBound(needle, true); i < ids.Length; i++)
                {
                    var value = values[ids[i]];
                    if (!value.Key.StartsWith(needle, StringComparison.Ordinal))
                    {
                        break;
                    }
                    value.Docs.UnionInto(matches);
                }
            }
            else
            {
                foreach (var value in values)
                {
                    if (!value.IsNumber && value.Count > 0 && value.Key.Contains(needle, StringComparison.Ordinal))
                    {
                        value.Docs.UnionInto(matches);
                    }
                }
            }
        }
        matches.IntersectWith(universe);
        return matches;
    }
}
