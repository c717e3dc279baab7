using System.Text.Json;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Filters;

/// <summary>
/// Entry point of the filter language: turns the <c>filter</c> parameter (a string, or an array
/// whose items are strings — ANDed — or arrays of strings — ORed) into a <see cref="FilterNode"/>.
/// Syntax errors throw <see cref="MeiliException"/> with Meilisearch's message and position.
/// </summary>
public static class FilterParser
{
    /// <summary>Parses one filter string; <c>null</c> when it is empty or blank.</summary>
    public static FilterNode? Parse(string filter, ErrorCode? code = null)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return null;
        }
        return new FilterSyntaxParser(filter, code ?? ErrorCode.InvalidSearchFilter).ParseFilter();
    }

    /// <summary>
    /// Parses the JSON <c>filter</c> parameter; <c>null</c> when it is null, empty or made only of
    /// empty strings. <paramref name="code"/> lets the documents API report
    /// <see cref="ErrorCode.InvalidDocumentFilter"/>.
    /// </summary>
    public static FilterNode? Parse(JsonElement filter, ErrorCode? code = null)
    {
        var errorCode = code ?? ErrorCode.InvalidSearchFilter;
        switch (filter.ValueKind)
        {
            case JsonValueKind.Undefined:
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return Parse(filter.GetString()!, errorCode);
            case JsonValueKind.Array:
                return ParseArray(filter, errorCode);
            default:
                throw InvalidType(errorCode, "String, Array", filter);
        }
    }

    /// <summary>Both filters must hold (e.g. the request's filter and a tenant token's <c>searchRules</c> filter).</summary>
    public static FilterNode? And(FilterNode? left, FilterNode? right) =>
        left is null ? right : right is null ? left : new AndNode([left, right]);

    private static FilterNode? ParseArray(JsonElement array, ErrorCode code)
    {
        var ands = new List<FilterNode>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                AddIfAny(ands, Parse(item.GetString()!, code));
            }
            else if (item.ValueKind == JsonValueKind.Array)
            {
                var ors = new List<FilterNode>();
                foreach (var inner in item.EnumerateArray())
                {
                    if (inner.ValueKind != JsonValueKind.String)
                    {
                        throw InvalidType(code, "String", inner);
                    }
                    AddIfAny(ors, Parse(inner.GetString()!, code));
                }
                AddIfAny(ands, ors.Count switch { 0 => null, 1 => ors[0], _ => new OrNode(ors) });
            }
            else
            {
                throw InvalidType(code, "String, [String]", item);
            }
        }
        return ands.Count switch { 0 => null, 1 => ands[0], _ => new AndNode(ands) };
    }

    private static void AddIfAny(List<FilterNode> list, FilterNode? node)
    {
        if (node is not null)
        {
            list.Add(node);
        }
    }

    private static MeiliException InvalidType(ErrorCode code, string expected, JsonElement found) =>
        new(code, $"Invalid syntax for the filter parameter: `expected {expected}, found: {found.GetRawText()}`.");
}
