using System.Globalization;
using Miroir.Meili.Errors;

using Miroir.Meili.Validation;
using Miroir.Meili.Filters;

namespace Miroir.Engine.Search;

/// <summary>The GET /search form: every value is a string; lists are comma-separated.</summary>
public static partial class SearchRequestParser
{
    /// <summary>The GET parameters, in the order Meilisearch lists them in "expected one of".</summary>
    public static readonly string[] QueryFields =
    [
        "q", "vector", "offset", "limit", "page", "hitsPerPage", "attributesToRetrieve", "retrieveVectors",
        "attributesToCrop", "cropLength", "attributesToHighlight", "filter", "sort", "distinct",
        "showMatchesPosition", "showRankingScore", "showRankingScoreDetails", "facets", "highlightPreTag",
        "highlightPostTag", "cropMarker", "matchingStrategy", "attributesToSearchOn", "hybridEmbedder",
        "hybridSemanticRatio", "rankingScoreThreshold", "locales",
    ];

    /// <summary>Parses decoded query-string pairs of GET /search (a repeated name is an error).</summary>
    public static SearchRequest ParseQuery(IEnumerable<KeyValuePair<string, string>> query)
    {
        var draft = new Draft();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? embedder = null;
        double? ratio = null;
        foreach (var (name, value) in query)
        {
            if (!seen.Add(name))
            {
                throw new MeiliException(
                    CodeForParameter(name),
                    $"Invalid value type for parameter `{name}`: expected a string, but found multiple values");
            }

            switch (name)
            {
                case "q": draft.Q = value; break;
                case "vector": draft.Vector = ParseVector(value); break;
                case "offset": draft.Offset = ParseCount(name, value, ErrorCode.InvalidSearchOffset); break;
                case "limit": draft.Limit = ParseCount(name, value, ErrorCode.InvalidSearchLimit); break;
                case "page": draft.Page = ParseCount(name, value, ErrorCode.InvalidSearchPage); break;
                case "hitsPerPage": draft.HitsPerPage = ParseCount(name, value, ErrorCode.InvalidSearchHitsPerPage); break;
                case "attributesToRetrieve": draft.AttributesToRetrieve = SplitList(value); break;
                case "retrieveVectors": draft.RetrieveVectors = ParseBool(name, value, ErrorCode.InvalidSearchRetrieveVectors); break;
                case "attributesToCrop": draft.AttributesToCrop = SplitList(value); break;
                case "cropLength": draft.CropLength = ParseCount(name, value, ErrorCode.InvalidSearchCropLength); break;
                case "attributesToHighlight": draft.AttributesToHighlight = SplitList(value); break;
                case "filter": draft.Filter = FilterQueryParameter.Read(value); break;
                case "sort": draft.Sort = SplitSort(value); break;
                case "distinct": draft.Distinct = value; break;
                case "showMatchesPosition": draft.ShowMatchesPosition = ParseBool(name, value, ErrorCode.InvalidSearchShowMatchesPosition); break;
                case "showRankingScore": draft.ShowRankingScore = ParseBool(name, value, ErrorCode.InvalidSearchShowRankingScore); break;
                case "showRankingScoreDetails": draft.ShowRankingScoreDetails = ParseBool(name, value, ErrorCode.InvalidSearchShowRankingScoreDetails); break;
                case "facets": draft.Facets = SplitList(value); break;
                case "highlightPreTag": draft.HighlightPreTag = value; break;
                case "highlightPostTag": draft.HighlightPostTag = value; break;
                case "cropMarker": draft.CropMarker = value; break;
                case "matchingStrategy":
                    draft.MatchingStrategy = ToStrategy(value) ?? throw new MeiliException(
                        ErrorCode.InvalidSearchMatchingStrategy,
                        $"Unknown value `{value}` for parameter `matchingStrategy`: {DeserrErrors.DidYouMean(value, MatchingStrategies)}expected one of {DeserrErrors.Quoted(MatchingStrategies)}");
                    break;
                case "attributesToSearchOn": draft.AttributesToSearchOn = SplitList(value); break;
                case "hybridEmbedder": embedder = value; break;
                case "hybridSemanticRatio":
                    ratio = ParseFloat(name, value, ErrorCode.InvalidSearchSemanticRatio);
                    if (ratio is < 0.0 or > 1.0)
                    {
                        throw new MeiliException(
                            ErrorCode.InvalidSearchSemanticRatio,
                            "Invalid value in parameter `hybridSemanticRatio`: the value of `semanticRatio` is invalid, expected a float between `0.0` and `1.0`.");
                    }

                    break;
                case "rankingScoreThreshold":
                    var threshold = ParseFloat(name, value, ErrorCode.InvalidSearchRankingScoreThreshold);
                    draft.RankingScoreThreshold = threshold is >= 0.0 and <= 1.0 ? threshold : throw new MeiliException(
                        ErrorCode.InvalidSearchRankingScoreThreshold,
                        "Invalid value in parameter `rankingScoreThreshold`: the value of `rankingScoreThreshold` is invalid, expected a float between `0.0` and `1.0`.");
                    break;
                case "locales": break;
                default:
                    throw new MeiliException(
                        ErrorCode.BadRequest,
                        $"Unknown parameter `{name}`: {DeserrErrors.DidYouMean(name, QueryFields)}expected one of {DeserrErrors.Quoted(QueryFields)}");
            }
        }

        if (embedder is not null)
        {
            draft.Hybrid = new HybridQuery(embedder, ratio ?? 0.5);
        }
        else if (ratio is not null)
        {
            throw new MeiliException(
                ErrorCode.InvalidSearchHybridQuery,
                "`hybridEmbedder` is mandatory when `hybridSemanticRatio` is present");
        }

        return draft.Build();
    }

    private static ErrorCode CodeForParameter(string name) => name switch
    {
        "limit" => ErrorCode.InvalidSearchLimit,
        "offset" => ErrorCode.InvalidSearchOffset,
        "q" => ErrorCode.InvalidSearchQ,
        "filter" => ErrorCode.InvalidSearchFilter,
        "sort" => ErrorCode.InvalidSearchSort,
        "facets" => ErrorCode.InvalidSearchFacets,
        _ => ErrorCode.BadRequest,
    };

    private static int ParseCount(string name, string value, ErrorCode code)
    {
        if (ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n > int.MaxValue ? int.MaxValue : (int)n;
        }

        throw new MeiliException(code, $"Invalid value in parameter `{name}`: could not parse `{value}` as a positive integer");
    }

    private static bool ParseBool(string name, string value, ErrorCode code) => value switch
    {
        "true" => true,
        "false" => false,
        _ => throw new MeiliException(
            code,
            $"Invalid value in parameter `{name}`: could not parse `{value}` as a boolean, expected either `true` or `false`"),
    };

    private static double ParseFloat(string name, string value, ErrorCode code) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d
            : throw new MeiliException(code, $"Invalid value in parameter `{name}`: could not parse `{value}` as a float");

    private static float[] ParseVector(string value)
    {
        var parts = SplitList(value);
        var vector = new float[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            vector[i] = (float)ParseFloat("vector", parts[i], ErrorCode.InvalidSearchVector);
        }

        return vector;
    }

    /// <summary>Comma-separated values, each trimmed (Meilisearch's <c>CS</c> parameter type).</summary>
    internal static List<string> SplitList(string value)
    {
        var list = new List<string>();
        foreach (var part in value.Split(','))
        {
            list.Add(part.Trim());
        }

        return list;
    }

    /// <summary>Splits sort criteria on commas outside parentheses, so <c>_geoPoint(1,2):asc</c> stays whole.</summary>
    internal static List<string> SplitSort(string value)
    {
        var list = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '(': depth++; break;
                case ')': depth = Math.Max(0, depth - 1); break;
                case ',' when depth == 0:
                    list.Add(value[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        list.Add(value[start..].Trim());
        return list;
    }
}
