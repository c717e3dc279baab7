using System.Text.Json;
using Miroir.Meili.Errors;

using Miroir.Meili.Validation;

namespace Miroir.Engine.Search;

/// <summary>The POST /multi-search body: <c>queries</c> and optional <c>federation</c>.</summary>
public static partial class SearchRequestParser
{
    private static readonly string[] MultiSearchFields = ["queries", "federation"];
    private static readonly string[] FederationFields = ["limit", "offset", "facetsByIndex", "mergeFacets"];
    private static readonly string[] FederationOptionFields = ["weight", "remote", "queryPosition"];
    private static readonly string[] MergeFacetsFields = ["maxValuesPerFacet"];
    private static readonly string[] PaginationFields = ["limit", "offset", "page", "hitsPerPage"];

    /// <summary>The fields a multi-search query accepts: indexUid, every search field, federationOptions.</summary>
    public static readonly string[] QueryWithIndexFields = ["indexUid", .. BodyFields, "federationOptions"];

    public static MultiSearchRequest ParseMultiSearch(ReadOnlySpan<byte> body)
    {
        using var document = ParseJson(body);
        return ParseMultiSearch(document.RootElement);
    }

    public static MultiSearchRequest ParseMultiSearch(JsonElement body)
    {
        JsonValues.RequireObject(body, ErrorCode.BadRequest, "");
        JsonElement? queries = null;
        FederationSettings? federation = null;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "queries":
                    queries = property.Value;
                    break;
                case "federation":
                    federation = property.Value.ValueKind == JsonValueKind.Null ? null : ParseFederation(property.Value);
                    break;
                default:
                    throw DeserrErrors.UnknownField(ErrorCode.BadRequest, property.Name, MultiSearchFields, "");
            }
        }

        if (queries is not { } list)
        {
            throw DeserrErrors.Missing(ErrorCode.BadRequest, "queries", "");
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw DeserrErrors.WrongType(ErrorCode.BadRequest, ".queries", "an array", list);
        }

        var parsed = new List<MultiSearchQuery>(list.GetArrayLength());
        foreach (var query in list.EnumerateArray())
        {
            parsed.Add(ParseQueryWithIndex(query, parsed.Count, federation is not null));
        }

        return new MultiSearchRequest { Queries = parsed, Federation = federation };
    }

    private static MultiSearchQuery ParseQueryWithIndex(JsonElement query, int position, bool federated)
    {
        var path = $".queries[{position}]";
        string? indexUid = null;
        var weight = 1.0;
        var hasOptions = false;
        var search = ParseFields(query, path, QueryWithIndexFields, (name, value) =>
        {
            switch (name)
            {
                case "indexUid":
                    indexUid = JsonValues.String(value, ErrorCode.InvalidIndexUid, path + ".indexUid");
                    IndexUidRules.Validate(indexUid, path + ".indexUid");
                    return true;
                case "federationOptions":
                    hasOptions = value.ValueKind != JsonValueKind.Null;
                    weight = hasOptions ? ParseWeight(value, path + ".federationOptions") : 1.0;
                    return true;
                default:
                    return false;
            }
        });

        if (indexUid is null)
        {
            throw DeserrErrors.Missing(ErrorCode.MissingIndexUid, "indexUid", path);
        }

        if (!federated && hasOptions)
        {
            throw new MeiliException(
                ErrorCode.InvalidMultiSearchFederationOptions,
                $"Inside `.queries[{position}]`: Using `federationOptions` is not allowed in a non-federated search.\n - Hint: remove `federationOptions` from query #{position} or add `federation` to the request.");
        }

        if (federated)
        {
            CheckFederatedQuery(query, position, indexUid);
        }

        return new MultiSearchQuery { IndexUid = indexUid, Search = search, Weight = weight, Position = position };
    }

    /// <summary>Federated queries leave pagination and facets to the <c>federation</c> object.</summary>
    private static void CheckFederatedQuery(JsonElement query, int position, string indexUid)
    {
        foreach (var field in PaginationFields)
        {
            if (query.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                throw new MeiliException(
                    ErrorCode.InvalidMultiSearchQueryPagination,
                    $"Inside `.queries[{position}]`: Using pagination options is not allowed in federated queries.\n - Hint: remove `{field}` from query #{position} or remove `federation` from the request\n - Hint: pass `federation.limit` and `federation.offset` for pagination in federated search");
            }
        }

        if (query.TryGetProperty("facets", out var facets) && facets.ValueKind != JsonValueKind.Null)
        {
            throw new MeiliException(
                ErrorCode.InvalidMultiSearchQueryFacets,
                $"Inside `.queries[{position}]`: Using facet options is not allowed in federated queries.\n - Hint: remove `facets` from query #{position} or remove `federation` from the request\n - Hint: pass `federation.facetsByIndex.{indexUid}: {RustDebugList(facets)}` for facets in federated search");
        }
    }

    private static double ParseWeight(JsonElement options, string path)
    {
        JsonValues.RequireObject(options, ErrorCode.InvalidMultiSearchFederationOptions, path);
        var weight = 1.0;
        foreach (var property in options.EnumerateObject())
        {
            switch (property.Name)
            {
                case "weight":
                    weight = JsonValues.Number(property.Value, ErrorCode.InvalidMultiSearchWeight, path + ".weight");
                    if (weight < 0.0)
                    {
                        throw DeserrErrors.Invalid(
                            ErrorCode.InvalidMultiSearchWeight,
                            path + ".weight",
                            "the value of `weight` is invalid, expected a positive float (>= 0.0).");
                    }

                    break;
                case "remote":
                case "queryPosition":
                    // Remote sharding options: accepted, unused by a single node.
                    break;
                default:
                    throw DeserrErrors.UnknownField(ErrorCode.InvalidMultiSearchFederationOptions, property.Name, FederationOptionFields, path);
            }
        }

        return weight;
    }

    private static FederationSettings ParseFederation(JsonElement value)
    {
        JsonValues.RequireObject(value, ErrorCode.InvalidMultiSearchFederated, ".federation");
        var offset = 0;
        var limit = 20;
        Dictionary<string, IReadOnlyList<string>?>? facetsByIndex = null;
        MergeFacetsSettings? merge = null;
        foreach (var property in value.EnumerateObject())
        {
            var path = ".federation." + property.Name;
            switch (property.Name)
            {
                case "offset":
                    offset = JsonValues.PositiveInt(property.Value, ErrorCode.InvalidSearchOffset, path);
                    break;
                case "limit":
                    limit = JsonValues.PositiveInt(property.Value, ErrorCode.InvalidSearchLimit, path);
                    break;
                case "facetsByIndex":
                    facetsByIndex = ParseFacetsByIndex(property.Value, path);
                    break;
                case "mergeFacets":
                    merge = property.Value.ValueKind == JsonValueKind.Null ? null : ParseMergeFacets(property.Value, path);
                    break;
                default:
                    throw DeserrErrors.UnknownField(ErrorCode.BadRequest, property.Name, FederationFields, ".federation");
            }
        }

        return new FederationSettings { Offset = offset, Limit = limit, FacetsByIndex = facetsByIndex, MergeFacets = merge };
    }

    private static Dictionary<string, IReadOnlyList<string>?>? ParseFacetsByIndex(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        JsonValues.RequireObject(value, ErrorCode.InvalidMultiSearchFacetsByIndex, path);
        var map = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            IndexUidRules.Validate(property.Name, path);
            map[property.Name] = JsonValues.OptStringList(property.Value, ErrorCode.InvalidMultiSearchFacetsByIndex, path + "." + property.Name);
        }

        return map;
    }

    private static MergeFacetsSettings ParseMergeFacets(JsonElement value, string path)
    {
        JsonValues.RequireObject(value, ErrorCode.InvalidMultiSearchMergeFacets, path);
        int? max = null;
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name != "maxValuesPerFacet")
            {
                throw DeserrErrors.UnknownField(ErrorCode.InvalidMultiSearchMergeFacets, property.Name, MergeFacetsFields, path);
            }

            max = JsonValues.OptPositiveInt(property.Value, ErrorCode.InvalidMultiSearchMaxValuesPerFacet, path + ".maxValuesPerFacet");
        }

        return new MergeFacetsSettings(max);
    }

    /// <summary>A string list as Rust's Debug prints it: <c>["a", "b"]</c>.</summary>
    private static string RustDebugList(JsonElement list) =>
        list.ValueKind != JsonValueKind.Array
            ? DeserrErrors.Compact(list)
            : "[" + string.Join(", ", list.EnumerateArray().Select(v =>
                "\"" + (v.GetString() ?? "").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")) + "]";
}
