using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Engine.Indexing;
using Miroir.Meili.Filters;

namespace Miroir.Engine.Filtering;

/// <summary>The one call a search or documents route needs: parse, validate, evaluate.</summary>
public static partial class FilterEvaluator
{
    /// <summary>
    /// Parses the <c>filter</c> parameter, checks it only reads filterable attributes and evaluates
    /// it within <paramref name="universe"/>; null when there is no filter (use the universe).
    /// Errors carry <paramref name="code"/> (<c>invalid_search_filter</c> by default).
    /// </summary>
    public static DocSet? Apply(JsonElement? filter, FieldValueIndex index, DocSet universe, ErrorCode? code = null)
    {
        if (filter is not { } element || FilterParser.Parse(element, code) is not { } node)
        {
            return null;
        }
        return Apply(node, index, universe, code);
    }

    /// <summary>Validates then evaluates an already parsed filter (e.g. combined with a tenant token's rules).</summary>
    public static DocSet Apply(FilterNode filter, FieldValueIndex index, DocSet universe, ErrorCode? code = null)
    {
        FilterValidator.Validate(filter, index.FilterableAttributes, code);
        return Evaluate(filter, index, universe);
    }
}
