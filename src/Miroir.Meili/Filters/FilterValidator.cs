using Miroir.Meili.Errors;

namespace Miroir.Meili.Filters;

/// <summary>Checks that a filter only reads filterable attributes, with Meilisearch's message.</summary>
public static class FilterValidator
{
    /// <summary>
    /// Throws <see cref="MeiliException"/> for the first attribute that is neither filterable nor
    /// nested under a filterable attribute (<c>_geo</c> filters need <c>_geo</c> filterable).
    /// </summary>
    public static void Validate(FilterNode filter, IReadOnlyList<string> filterableAttributes, ErrorCode? code = null)
    {
        var fields = new List<FilterToken>();
        filter.CollectFields(fields);
        foreach (var field in fields)
        {
            if (!AttributePatterns.MatchesAny(field.Value, filterableAttributes))
            {
                throw new MeiliException(code ?? ErrorCode.InvalidSearchFilter, FilterSyntaxParser.FormatError(
                    NotFilterableMessage(field.Value, filterableAttributes), field.Source, field.Offset, field.Offset + field.Length));
            }
        }
    }

    internal static string NotFilterableMessage(string field, IReadOnlyList<string> filterableAttributes)
    {
        if (filterableAttributes.Count == 0)
        {
            return $"Attribute `{field}` is not filterable. This index does not have configured filterable attributes.";
        }
        var available = string.Join(", ", filterableAttributes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return $"Attribute `{field}` is not filterable. Available filterable attributes are: `{available}`.";
    }
}
