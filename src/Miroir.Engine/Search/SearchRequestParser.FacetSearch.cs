using System.Text.Json;
using Miroir.Meili.Errors;

using Miroir.Meili.Validation;

namespace Miroir.Engine.Search;

/// <summary>The POST /facet-search body.</summary>
public static partial class SearchRequestParser
{
    public static readonly string[] FacetSearchFields =
    [
        "facetQuery", "facetName", "q", "vector", "hybrid", "filter", "matchingStrategy",
        "attributesToSearchOn", "rankingScoreThreshold", "locales", "exhaustiveFacetCount",
    ];

    public static FacetSearchRequest ParseFacetSearch(ReadOnlySpan<byte> body)
    {
        using var document = ParseJson(body);
        return ParseFacetSearch(document.RootElement);
    }

    public static FacetSearchRequest ParseFacetSearch(JsonElement body)
    {
        string? facetName = null;
        string? facetQuery = null;
        var exhaustive = false;
        var search = ParseFields(body, "", FacetSearchFields, (name, value) =>
        {
            switch (name)
            {
                case "facetName":
                    facetName = JsonValues.String(value, ErrorCode.InvalidFacetSearchFacetName, ".facetName");
                    return true;
                case "facetQuery":
                    facetQuery = JsonValues.OptString(value, ErrorCode.InvalidFacetSearchFacetQuery, ".facetQuery");
                    return true;
                case "exhaustiveFacetCount":
                    exhaustive = value.ValueKind != JsonValueKind.Null
                        && JsonValues.Bool(value, ErrorCode.InvalidFacetSearchExhaustiveFacetCount, ".exhaustiveFacetCount");
                    return true;
                default:
                    return false;
            }
        });

        return new FacetSearchRequest
        {
            FacetName = facetName ?? throw DeserrErrors.Missing(ErrorCode.MissingFacetSearchFacetName, "facetName", ""),
            FacetQuery = facetQuery,
            Search = search,
            ExhaustiveFacetCount = exhaustive,
        };
    }
}
