using System.Buffers;
using System.Text.Json;
using Miroir.Engine.Errors;
using Miroir.Engine.Vectors;

namespace Miroir.Engine.Search.Federation;

/// <summary>
/// Reads a <c>/multi-search</c> body. The envelope (<c>queries</c>, <c>indexUid</c>,
/// <c>federationOptions</c>, <c>federation</c>) is handled here; each query's search parameters
/// go to the regular search parser, whose error paths are re-rooted under <c>.queries[i]</c>.
/// </summary>
public static class MultiSearchRequestParser
{
    private static readonly string[] PaginationParameters = ["offset", "limit", "page", "hitsPerPage"];

    public static MultiSearchRequest Parse(JsonElement body, Func<JsonElement, SearchRequest> parseSearch)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw Bad(ErrorCode.BadRequest, $"Invalid value type: expected an object, but found {VectorsFieldParser.Describe(body)}");
        }
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
                    throw Bad(ErrorCode.BadRequest, $"Unknown field `{property.Name}`: expected one of `queries`, `federation`");
            }
        }
        if (queries is not { } list)
        {
            throw Bad(ErrorCode.BadRequest, "Missing field `queries`");
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw Bad(ErrorCode.BadRequest, $"Invalid value type at `.queries`: expected an array, but found {VectorsFieldParser.Describe(list)}");
        }
        var parsed = new List<MultiSearchQuery>(list.GetArrayLength());
        var position = 0;
        foreach (var query in list.EnumerateArray())
        {
            parsed.Add(ParseQuery(query, position++, parseSearch));
        }
        return new MultiSearchRequest { Queries = parsed, Federation = federation };
    }

    private static MultiSearchQuery ParseQuery(JsonElement query, int position, Func<JsonElement, SearchRequest> parseSearch)
    {
        var path = $".queries[{position}]";
        if (query.ValueKind != JsonValueKind.Object)
        {
            throw Bad(ErrorCode.BadRequest, $"Invalid value type at `{path}`: expected an object, but found {VectorsFieldParser.Describe(query)}");
        }
        string? indexUid = null;
        FederationOptions? options = null;
        string? pagination = null;
        var rest = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(rest))
        {
            writer.WriteStartObject();
            foreach (var property in query.EnumerateObject())
            {
                if (property.NameEquals("indexUid"))
                {
                    indexUid = ParseIndexUid(property.Value, path);
                }
                else if (property.NameEquals("federationOptions"))
                {
                    options = property.Value.ValueKind == JsonValueKind.Null ? null : ParseFederationOptions(property.Value, path);
                }
                else
                {
                    if (property.Value.ValueKind != JsonValueKind.Null && Array.IndexOf(PaginationParameters, property.Name) >= 0)
                    {
                        pagination = pagination is null || Array.IndexOf(PaginationParameters, property.Name) < Array.IndexOf(PaginationParameters, pagination)
                            ? property.Name
                            : pagination;
                    }
                    property.WriteTo(writer);
                }
            }
            writer.WriteEndObject();
        }
        if (indexUid is null)
        {
            throw Bad(ErrorCode.MissingIndexUid, $"Missing field `indexUid` inside `{path}`");
        }
        SearchRequest search;
        try
        {
            // Not disposed: the parsed request may keep JsonElements (the filter) of this document.
            search = parseSearch(JsonDocument.Parse(rest.WrittenMemory).RootElement);
        }
        catch (MeiliException e)
        {
            throw new MeiliException(e.Code, e.Message.Replace("at `.", $"at `{path}.").Replace("inside `.", $"inside `{path}."));
        }
        return new MultiSearchQuery { IndexUid = indexUid, Search = search, FederationOptions = options, PaginationParameter = pagination };
    }

    private static string ParseIndexUid(JsonElement value, string path)
    {
        var uid = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (uid is null || uid.Length == 0 || uid.Length > 400 || !uid.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            var shown = uid ?? VectorsFieldParser.Compact(value);
            throw Bad(ErrorCode.InvalidIndexUid,
                $"Invalid value at `{path}.indexUid`: `{shown}` is not a valid index uid. Index uid can be an integer or a string containing only alphanumeric characters, hyphens (-) and underscores (_), and can not be more than 512 bytes.");
        }
        return uid;
    }

    private static FederationOptions ParseFederationOptions(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Bad(ErrorCode.BadRequest, $"Invalid value type at `{path}.federationOptions`: expected an object, but found {VectorsFieldParser.Describe(value)}");
        }
        var weight = 1.0;
        foreach (var property in value.EnumerateObject())
        {
            if (!property.NameEquals("weight"))
            {
                throw Bad(ErrorCode.BadRequest,
                    $"Unknown field `{property.Name}` inside `{path}.federationOptions`: expected one of `weight`, `remote`, `queryPosition`");
            }
            if (property.Value.ValueKind != JsonValueKind.Number)
            {
                throw Bad(ErrorCode.InvalidMultiSearchWeight,
                    $"Invalid value type at `{path}.federationOptions.weight`: expected a number, but found {VectorsFieldParser.Describe(property.Value)}");
            }
            weight = property.Value.GetDouble();
            if (weight < 0)
            {
                throw Bad(ErrorCode.InvalidMultiSearchWeight,
                    $"Invalid value at `{path}.federationOptions.weight`: the value of `weight` is invalid, expected a positive float (>= 0.0).");
            }
        }
        return new FederationOptions(weight);
    }

    private static FederationSettings ParseFederation(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Bad(ErrorCode.BadRequest, $"Invalid value type at `.federation`: expected an object, but found {VectorsFieldParser.Describe(value)}");
        }
        var offset = 0;
        var limit = 20;
        var facetsByIndex = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
        MergeFacetsSettings? mergeFacets = null;
        foreach (var property in value.EnumerateObject())
        {
            switch (property.Name)
            {
                case "offset":
                    offset = PositiveInteger(property.Value, ".federation.offset", ErrorCode.InvalidSearchOffset);
                    break;
                case "limit":
                    limit = PositiveInteger(property.Value, ".federation.limit", ErrorCode.InvalidSearchLimit);
                    break;
                case "facetsByIndex":
                    ParseFacetsByIndex(property.Value, facetsByIndex);
                    break;
                case "mergeFacets":
                    mergeFacets = ParseMergeFacets(property.Value);
                    break;
                default:
                    throw Bad(ErrorCode.BadRequest,
                        $"Unknown field `{property.Name}` inside `.federation`: expected one of `limit`, `offset`, `facetsByIndex`, `mergeFacets`");
            }
        }
        return new FederationSettings { Offset = offset, Limit = limit, FacetsByIndex = facetsByIndex, MergeFacets = mergeFacets };
    }

    private static void ParseFacetsByIndex(JsonElement value, Dictionary<string, IReadOnlyList<string>?> into)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Bad(ErrorCode.InvalidMultiSearchFacetsByIndex,
                $"Invalid value type at `.federation.facetsByIndex`: expected an object, but found {VectorsFieldParser.Describe(value)}");
        }
        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.Null)
            {
                into[entry.Name] = null;
                continue;
            }
            if (entry.Value.ValueKind != JsonValueKind.Array || entry.Value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                throw Bad(ErrorCode.InvalidMultiSearchFacetsByIndex,
                    $"Invalid value type at `.federation.facetsByIndex.{entry.Name}`: expected an array of strings, but found {VectorsFieldParser.Describe(entry.Value)}");
            }
            into[entry.Name] = entry.Value.EnumerateArray().Select(v => v.GetString()!).ToList();
        }
    }

    private static MergeFacetsSettings? ParseMergeFacets(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Bad(ErrorCode.InvalidMultiSearchMergeFacets,
                $"Invalid value type at `.federation.mergeFacets`: expected an object, but found {VectorsFieldParser.Describe(value)}");
        }
        int? max = null;
        foreach (var property in value.EnumerateObject())
        {
            if (!property.NameEquals("maxValuesPerFacet"))
            {
                throw Bad(ErrorCode.InvalidMultiSearchMergeFacets,
                    $"Unknown field `{property.Name}` inside `.federation.mergeFacets`: expected one of `maxValuesPerFacet`");
            }
            max = property.Value.ValueKind == JsonValueKind.Null
                ? null
                : PositiveInteger(property.Value, ".federation.mergeFacets.maxValuesPerFacet", ErrorCode.InvalidMultiSearchMergeFacets);
        }
        return new MergeFacetsSettings(max);
    }

    private static int PositiveInteger(JsonElement value, string path, ErrorCode code)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0)
        {
            return (int)Math.Min(number, int.MaxValue);
        }
        throw Bad(code, $"Invalid value type at `{path}`: expected a positive integer, but found {VectorsFieldParser.Describe(value)}");
    }

    private static MeiliException Bad(ErrorCode code, string message) => new(code, message);
}
