using System.Text.Json;
using Miroir.Meili.Errors;

using Miroir.Meili.Validation;

namespace Miroir.Engine.Search;

/// <summary>
/// Parses and validates search requests (POST body, GET query string) into
/// <see cref="SearchRequest"/>, failing with Meilisearch's codes and messages.
/// </summary>
public static partial class SearchRequestParser
{
    /// <summary>The POST body fields, in the order Meilisearch lists them in "expected one of".</summary>
    public static readonly string[] BodyFields =
    [
        "q", "vector", "hybrid", "offset", "limit", "page", "hitsPerPage", "attributesToRetrieve",
        "retrieveVectors", "attributesToCrop", "cropLength", "attributesToHighlight", "showMatchesPosition",
        "showRankingScore", "showRankingScoreDetails", "filter", "sort", "distinct", "facets",
        "highlightPreTag", "highlightPostTag", "cropMarker", "matchingStrategy", "attributesToSearchOn",
        "rankingScoreThreshold", "locales",
    ];

    /// <summary>Parses a POST /search body.</summary>
    public static SearchRequest ParseBody(ReadOnlySpan<byte> body)
    {
        using var document = ParseJson(body);
        return ParseObject(document.RootElement, "");
    }

    /// <summary>Parses a search object found at <paramref name="path"/> (empty for a request body).</summary>
    public static SearchRequest ParseObject(JsonElement body, string path) => ParseFields(body, path, BodyFields, null);

    /// <summary>
    /// Parses the search fields of an object that may also carry other keys: <paramref name="extra"/>
    /// consumes those (returning true); any other name outside <paramref name="accepted"/> is an error.
    /// </summary>
    internal static SearchRequest ParseFields(
        JsonElement body, string path, string[] accepted, Func<string, JsonElement, bool>? extra)
    {
        JsonValues.RequireObject(body, ErrorCode.BadRequest, path);
        var draft = new Draft();
        foreach (var property in body.EnumerateObject())
        {
            if (extra is not null && extra(property.Name, property.Value))
            {
                continue;
            }

            if (Array.IndexOf(accepted, property.Name) < 0 || !ApplyField(draft, property.Name, property.Value, path))
            {
                throw DeserrErrors.UnknownField(ErrorCode.BadRequest, property.Name, accepted, path);
            }
        }

        return draft.Build();
    }

    /// <summary>Parses a JSON request body, mapping syntax errors to Meilisearch's payload errors.</summary>
    internal static JsonDocument ParseJson(ReadOnlySpan<byte> body)
    {
        // Only a truly empty body is "missing"; whitespace is a malformed payload, as in Meilisearch.
        if (body.IsEmpty)
        {
            throw new MeiliException(ErrorCode.MissingPayload, "A json payload is missing.");
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            return JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new MeiliException(
                ErrorCode.MalformedPayload,
                $"The json payload provided is malformed. `{Meili.Documents.JsonErrorText.Describe(e)}`.");
        }
    }

    /// <summary>Applies one search field; false when the name is not a search parameter.</summary>
    private static bool ApplyField(Draft d, string name, JsonElement v, string parent)
    {
        var path = parent + "." + name;
        switch (name)
        {
            case "q":
                d.Q = v.ValueKind == JsonValueKind.Null ? null : JsonValues.String(v, ErrorCode.InvalidSearchQ, path);
                break;
            case "vector":
                d.Vector = v.ValueKind == JsonValueKind.Null ? null : ReadVector(v, path);
                break;
            case "hybrid":
                d.Hybrid = v.ValueKind == JsonValueKind.Null ? null : ReadHybrid(v, path);
                break;
            case "offset":
                d.Offset = JsonValues.PositiveInt(v, ErrorCode.InvalidSearchOffset, path);
                break;
            case "limit":
                d.Limit = JsonValues.PositiveInt(v, ErrorCode.InvalidSearchLimit, path);
                break;
            case "page":
                d.Page = JsonValues.OptPositiveInt(v, ErrorCode.InvalidSearchPage, path);
                break;
            case "hitsPerPage":
                d.HitsPerPage = JsonValues.OptPositiveInt(v, ErrorCode.InvalidSearchHitsPerPage, path);
                break;
            case "attributesToRetrieve":
                d.AttributesToRetrieve = JsonValues.OptStringList(v, ErrorCode.InvalidSearchAttributesToRetrieve, path);
                break;
            case "retrieveVectors":
                d.RetrieveVectors = JsonValues.Bool(v, ErrorCode.InvalidSearchRetrieveVectors, path);
                break;
            case "attributesToCrop":
                d.AttributesToCrop = JsonValues.OptStringList(v, ErrorCode.InvalidSearchAttributesToCrop, path);
                break;
            case "cropLength":
                d.CropLength = JsonValues.PositiveInt(v, ErrorCode.InvalidSearchCropLength, path);
                break;
            case "attributesToHighlight":
                d.AttributesToHighlight = JsonValues.OptStringList(v, ErrorCode.InvalidSearchAttributesToHighlight, path);
                break;
            case "showMatchesPosition":
                d.ShowMatchesPosition = JsonValues.Bool(v, ErrorCode.InvalidSearchShowMatchesPosition, path);
                break;
            case "showRankingScore":
                d.ShowRankingScore = JsonValues.Bool(v, ErrorCode.InvalidSearchShowRankingScore, path);
                break;
            case "showRankingScoreDetails":
                d.ShowRankingScoreDetails = JsonValues.Bool(v, ErrorCode.InvalidSearchShowRankingScoreDetails, path);
                break;
            case "filter":
                // Kept raw; the filter parser validates the expression and its array shape.
                d.Filter = v.ValueKind == JsonValueKind.Null ? null : v.Clone();
                break;
            case "sort":
                d.Sort = JsonValues.OptStringList(v, ErrorCode.InvalidSearchSort, path);
                break;
            case "distinct":
                d.Distinct = JsonValues.OptString(v, ErrorCode.InvalidSearchDistinct, path);
                break;
            case "facets":
                d.Facets = JsonValues.OptStringList(v, ErrorCode.InvalidSearchFacets, path);
                break;
            case "highlightPreTag":
                d.HighlightPreTag = JsonValues.String(v, ErrorCode.InvalidSearchHighlightPreTag, path);
                break;
            case "highlightPostTag":
                d.HighlightPostTag = JsonValues.String(v, ErrorCode.InvalidSearchHighlightPostTag, path);
                break;
            case "cropMarker":
                d.CropMarker = JsonValues.String(v, ErrorCode.InvalidSearchCropMarker, path);
                break;
            case "matchingStrategy":
                var strategy = JsonValues.String(v, ErrorCode.InvalidSearchMatchingStrategy, path);
                d.MatchingStrategy = ToStrategy(strategy)
                    ?? throw DeserrErrors.UnknownValue(ErrorCode.InvalidSearchMatchingStrategy, strategy, path, MatchingStrategies);
                break;
            case "attributesToSearchOn":
                d.AttributesToSearchOn = JsonValues.OptStringList(v, ErrorCode.InvalidSearchAttributesToSearchOn, path);
                break;
            case "rankingScoreThreshold":
                d.RankingScoreThreshold = v.ValueKind == JsonValueKind.Null
                    ? null
                    : CheckThreshold(JsonValues.Number(v, ErrorCode.InvalidSearchRankingScoreThreshold, path), path);
                break;
            case "locales":
                // Accepted for compatibility; Latin-script tokenisation ignores it.
                JsonValues.OptStringList(v, ErrorCode.BadRequest, path);
                break;
            default:
                return false;
        }

        return true;
    }

    private static double CheckThreshold(double value, string path) =>
        value is >= 0.0 and <= 1.0
            ? value
            : throw DeserrErrors.Invalid(
                ErrorCode.InvalidSearchRankingScoreThreshold,
                path,
                "the value of `rankingScoreThreshold` is invalid, expected a float between `0.0` and `1.0`.");

    private static float[] ReadVector(JsonElement v, string path)
    {
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw DeserrErrors.WrongType(ErrorCode.InvalidSearchVector, path, "an array", v);
        }

        var vector = new float[v.GetArrayLength()];
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            vector[i] = (float)JsonValues.Number(item, ErrorCode.InvalidSearchVector, $"{path}[{i}]");
            i++;
        }

        return vector;
    }

    private static readonly string[] HybridFields = ["semanticRatio", "embedder"];

    private static HybridQuery ReadHybrid(JsonElement v, string path)
    {
        JsonValues.RequireObject(v, ErrorCode.InvalidSearchHybridQuery, path);
        string? embedder = null;
        var ratio = 0.5;
        foreach (var property in v.EnumerateObject())
        {
            var inner = path + "." + property.Name;
            switch (property.Name)
            {
                case "embedder":
                    embedder = JsonValues.String(property.Value, ErrorCode.InvalidSearchEmbedder, inner);
                    break;
                case "semanticRatio":
                    ratio = CheckRatio(JsonValues.Number(property.Value, ErrorCode.InvalidSearchSemanticRatio, inner), inner);
                    break;
                default:
                    throw DeserrErrors.UnknownField(ErrorCode.InvalidSearchHybridQuery, property.Name, HybridFields, path);
            }
        }

        return new HybridQuery(
            embedder ?? throw DeserrErrors.Missing(ErrorCode.InvalidSearchHybridQuery, "embedder", path),
            ratio);
    }

    private static double CheckRatio(double ratio, string path) =>
        ratio is >= 0.0 and <= 1.0
            ? ratio
            : throw DeserrErrors.Invalid(
                ErrorCode.InvalidSearchSemanticRatio,
                path,
                "the value of `semanticRatio` is invalid, expected a float between `0.0` and `1.0`.");
}
