using Miroir.Meili.Errors;

namespace Miroir.Meili.Validation;

/// <summary>
/// Search parameters that may only name filterable attributes (<c>distinct</c>, <c>facets</c>), with Meilisearch's
/// messages; checked against a plain attribute list so the orchestrator can use the client's own.
/// </summary>
public static class FilterableChecks
{
    /// <summary>The <c>distinct</c> search parameter needs a filterable attribute.</summary>
    public static void Distinct(string? distinct, IReadOnlyList<string> filterableAttributes)
    {
        ArgumentNullException.ThrowIfNull(filterableAttributes);
        if (distinct is null || filterableAttributes.Any(f => distinct == f || distinct.StartsWith(f + ".", StringComparison.Ordinal)))
        {
            return;
        }
        var available = filterableAttributes.Count == 0
            ? "This index does not have configured filterable attributes."
            : $"Available filterable attributes are: `{string.Join(", ", filterableAttributes.Order(StringComparer.Ordinal))}`.";
        throw new MeiliException(ErrorCode.InvalidSearchDistinct,
            $"Attribute `{distinct}` is not filterable and thus, cannot be used as distinct attribute. {available}");
    }

    /// <summary>Meilisearch's message for facets that are not filterable, listing the filterable attributes.</summary>
    public static string FacetsMessage(IReadOnlyCollection<string> invalid, IReadOnlyList<string> filterable)
    {
        ArgumentNullException.ThrowIfNull(invalid);
        ArgumentNullException.ThrowIfNull(filterable);
        if (filterable.Count == 0)
        {
            return "Invalid facet distribution, this index does not have configured filterable attributes.";
        }
        var names = string.Join(", ", invalid);
        var head = invalid.Count == 1
            ? $"Invalid facet distribution, attribute `{names}` is not filterable."
            : $"Invalid facet distribution, attributes `{names}` are not filterable.";
        var available = string.Join(", ", filterable);
        return filterable.Count == 1
            ? $"{head} The available filterable attribute is `{available}`."
            : $"{head} The available filterable attributes are `{available}`.";
    }
}
