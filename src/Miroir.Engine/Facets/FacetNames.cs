using Miroir.Meili.Errors;
using Miroir.Engine.Filtering;

namespace Miroir.Engine.Facets;

/// <summary>Resolves the <c>facets</c> parameter: expands <c>*</c> and rejects non-filterable names like Meilisearch.</summary>
public static class FacetNames
{
    /// <summary>Distinct facet fields, sorted ordinally (Meilisearch answers with sorted maps).</summary>
    public static IReadOnlyList<string> Resolve(FieldValueIndex index, IReadOnlyList<string> requested)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        SortedSet<string>? invalid = null;
        foreach (var name in requested)
        {
            if (name == "*")
            {
                // Object-valued parents (kept only for EXISTS) have no facet values of their own.
                foreach (var field in index.Fields)
                {
                    if (index.IsFilterable(field) && index.GetColumn(field)!.Values.Count > 0)
                    {
                        result.Add(field);
                    }
                }
            }
            else if (index.IsFilterable(name))
            {
                result.Add(name);
            }
            else
            {
                (invalid ??= new SortedSet<string>(StringComparer.Ordinal)).Add(name);
            }
        }
        if (invalid is not null)
        {
            throw new MeiliException(ErrorCode.InvalidSearchFacets, InvalidMessage(invalid, index.FilterableAttributes));
        }
        return [.. result];
    }

    /// <summary>Meilisearch's message for facets that are not filterable, listing the filterable attributes.</summary>
    public static string InvalidMessage(IReadOnlyCollection<string> invalid, IReadOnlyList<string> filterable)
    {
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
