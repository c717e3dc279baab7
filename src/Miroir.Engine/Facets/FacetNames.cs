using Miroir.Meili.Errors;
using Miroir.Engine.Filtering;
using Miroir.Meili.Validation;

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
            throw new MeiliException(ErrorCode.InvalidSearchFacets, FilterableChecks.FacetsMessage(invalid, index.FilterableAttributes));
        }
        return [.. result];
    }
}
