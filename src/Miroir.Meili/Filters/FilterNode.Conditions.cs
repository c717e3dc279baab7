using System.Text;

namespace Miroir.Meili.Filters;

/// <summary><c>field op value</c> for <c>=, !=, &gt;, &gt;=, &lt;, &lt;=</c>.</summary>
public sealed record ComparisonNode(FilterToken Field, ComparisonOperator Operator, FilterToken Value) : FilterNode
{
    internal override void Render(StringBuilder sb)
    {
        var op = Operator switch
        {
            ComparisonOperator.Equal => "=",
            ComparisonOperator.NotEqual => "!=",
            ComparisonOperator.GreaterThan => ">",
            ComparisonOperator.GreaterThanOrEqual => ">=",
            ComparisonOperator.LowerThan => "<",
            _ => "<=",
        };
        sb.Append(Field).Append(' ').Append(op).Append(' ').Append(Value);
    }

    internal override void CollectFields(List<FilterToken> fields) => fields.Add(Field);
}

/// <summary><c>field from TO to</c>, both bounds included.</summary>
public sealed record RangeNode(FilterToken Field, FilterToken From, FilterToken To) : FilterNode
{
    internal override void Render(StringBuilder sb) =>
        sb.Append(Field).Append(' ').Append(From).Append(" TO ").Append(To);

    internal override void CollectFields(List<FilterToken> fields) => fields.Add(Field);
}

/// <summary><c>field IN [a, b, ...]</c>.</summary>
public sealed record InNode(FilterToken Field, IReadOnlyList<FilterToken> Values) : FilterNode
{
    internal override void Render(StringBuilder sb)
    {
        sb.Append(Field).Append(" IN[");
        foreach (var value in Values)
        {
            sb.Append(value).Append(", ");
        }
        sb.Append(']');
    }

    internal override void CollectFields(List<FilterToken> fields) => fields.Add(Field);
}

/// <summary>The kind of a one-operand condition.</summary>
public enum FieldTest
{
    /// <summary><c>EXISTS</c>: the document has the field, whatever its value.</summary>
    Exists,

    /// <summary><c>IS NULL</c>.</summary>
    IsNull,

    /// <summary><c>IS EMPTY</c>: <c>""</c>, <c>[]</c> or <c>{}</c>.</summary>
    IsEmpty,
}

/// <summary><c>field EXISTS</c>, <c>field IS NULL</c>, <c>field IS EMPTY</c>.</summary>
public sealed record FieldTestNode(FilterToken Field, FieldTest Test) : FilterNode
{
    internal override void Render(StringBuilder sb) => sb.Append(Field).Append(Test switch
    {
        FieldTest.Exists => " EXISTS",
        FieldTest.IsNull => " IS NULL",
        _ => " IS EMPTY",
    });

    internal override void CollectFields(List<FilterToken> fields) => fields.Add(Field);
}

/// <summary><c>field CONTAINS value</c> (substring) or <c>field STARTS WITH value</c> (prefix).</summary>
public sealed record TextMatchNode(FilterToken Field, FilterToken Value, bool Prefix) : FilterNode
{
    internal override void Render(StringBuilder sb) =>
        sb.Append(Field).Append(Prefix ? " STARTS WITH " : " CONTAINS ").Append(Value);

    internal override void CollectFields(List<FilterToken> fields) => fields.Add(Field);
}
