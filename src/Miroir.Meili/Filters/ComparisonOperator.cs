namespace Miroir.Meili.Filters;

/// <summary>The binary comparison operators of the filter language.</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    GreaterThan,
    GreaterThanOrEqual,
    LowerThan,
    LowerThanOrEqual,
}
