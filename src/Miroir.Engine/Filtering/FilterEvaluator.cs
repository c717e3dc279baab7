using System.Globalization;
using Miroir.Engine.Indexing;
using Miroir.Meili.Filters;

namespace Miroir.Engine.Filtering;

/// <summary>
/// Evaluates a <see cref="FilterNode"/> against a <see cref="FieldValueIndex"/>: the result is
/// always a new set within <c>universe</c> (the live documents, or a narrower candidate set),
/// and <c>NOT x</c> is <c>universe - x</c>, as is <c>!=</c>.
/// </summary>
public static partial class FilterEvaluator
{
    public static DocSet Evaluate(FilterNode node, FieldValueIndex index, DocSet universe) => node switch
    {
        AndNode and => EvaluateAnd(and, index, universe),
        OrNode or => EvaluateOr(or, index, universe),
        NotNode not => Complement(universe, Evaluate(not.Inner, index, universe)),
        ComparisonNode { Operator: ComparisonOperator.NotEqual } ne =>
            Complement(universe, Equal(index.GetColumn(ne.Field.Value), ne.Value.Value, universe)),
        ComparisonNode { Operator: ComparisonOperator.Equal } eq => Equal(index.GetColumn(eq.Field.Value), eq.Value.Value, universe),
        ComparisonNode cmp => Compare(index.GetColumn(cmp.Field.Value), cmp.Operator, cmp.Value.Value, universe),
        RangeNode range => Range(index.GetColumn(range.Field.Value), range.From.Value, range.To.Value, universe),
        InNode @in => In(index.GetColumn(@in.Field.Value), @in.Values, universe),
        FieldTestNode test => FieldTest(index.GetColumn(test.Field.Value), test.Test, universe),
        TextMatchNode text => TextMatch(index.GetColumn(text.Field.Value), text.Value.Value, text.Prefix, universe),
        GeoRadiusNode radius => GeoRadius(index, radius, universe),
        GeoBoundingBoxNode box => GeoBoundingBox(index, box, universe),
        _ => throw new InvalidOperationException("Unknown filter node " + node.GetType().Name),
    };

    private static DocSet EvaluateAnd(AndNode and, FieldValueIndex index, DocSet universe)
    {
        // Each child only looks at what the previous ones kept, which makes NOT and != cheaper.
        var result = universe;
        foreach (var child in and.Children)
        {
            result = Evaluate(child, index, result);
            if (result.IsEmpty())
            {
                break;
            }
        }
        return ReferenceEquals(result, universe) ? universe.Clone() : result;
    }

    private static DocSet EvaluateOr(OrNode or, FieldValueIndex index, DocSet universe)
    {
        var result = new DocSet(universe.Capacity);
        foreach (var child in or.Children)
        {
            result.UnionWith(Evaluate(child, index, universe));
        }
        return result;
    }

    private static DocSet Complement(DocSet universe, DocSet subset)
    {
        var result = universe.Clone();
        result.ExceptWith(subset);
        return result;
    }

    /// <summary>A copy of <paramref name="universe"/> keeping only the ids of <paramref name="matches"/>.</summary>
    private static DocSet Within(DocSet universe, DocSet? matches)
    {
        if (matches is null)
        {
            return new DocSet(universe.Capacity);
        }
        var result = universe.Clone();
        result.IntersectWith(matches);
        return result;
    }

    private static DocSet Equal(FieldColumn? column, string operand, DocSet universe)
    {
        if (column is null)
        {
            return new DocSet(universe.Capacity);
        }
        var byString = column.FindString(FieldColumn.Normalize(operand));
        var byNumber = TryParseNumber(operand, out var number) ? column.FindNumber(number) : null;
        var result = (byString ?? byNumber)?.Docs.Intersect(universe) ?? new DocSet(universe.Capacity);
        if (byString is not null && byNumber is not null)
        {
            result.UnionWith(byNumber.Docs.Intersect(universe));
        }
        return result;
    }

    private static DocSet In(FieldColumn? column, IReadOnlyList<FilterToken> values, DocSet universe)
    {
        var matches = new DocSet(universe.Capacity);
        if (column is not null)
        {
            foreach (var value in values)
            {
                if (column.FindString(FieldColumn.Normalize(value.Value)) is { } s)
                {
                    s.Docs.UnionInto(matches);
                }
                if (TryParseNumber(value.Value, out var number) && column.FindNumber(number) is { } n)
                {
                    n.Docs.UnionInto(matches);
                }
            }
        }
        matches.IntersectWith(universe);
        return matches;
    }

    private static DocSet FieldTest(FieldColumn? column, FieldTest test, DocSet universe) => Within(universe, test switch
    {
        Meili.Filters.FieldTest.Exists => column?.Exists,
        Meili.Filters.FieldTest.IsNull => column?.Null,
        _ => column?.Empty,
    });

    internal static bool TryParseNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
}
