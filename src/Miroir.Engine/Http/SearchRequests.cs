using System.Text.Json;
using Miroir.Engine.Search;

namespace Miroir.Engine.Http;

/// <summary>Copies of a <see cref="SearchRequest"/> with one member changed (it has init-only members).</summary>
internal static class SearchRequests
{
    public static SearchRequest WithFilter(SearchRequest r, JsonElement? filter) => new()
    {
        Q = r.Q,
        Offset = r.Offset,
        Limit = r.Limit,
        Page = r.Page,
        HitsPerPage = r.HitsPerPage,
        Filter = filter,
        Facets = r.Facets,
        AttributesToRetrieve = r.AttributesToRetrieve,
        AttributesToCrop = r.AttributesToCrop,
        CropLength = r.CropLength,
        CropMarker = r.CropMarker,
        AttributesToHighlight = r.AttributesToHighlight,
        HighlightPreTag = r.HighlightPreTag,
        HighlightPostTag = r.HighlightPostTag,
        ShowMatchesPosition = r.ShowMatchesPosition,
        Sort = r.Sort,
        MatchingStrategy = r.MatchingStrategy,
        ShowRankingScore = r.ShowRankingScore,
        ShowRankingScoreDetails = r.ShowRankingScoreDetails,
        RankingScoreThreshold = r.RankingScoreThreshold,
        AttributesToSearchOn = r.AttributesToSearchOn,
        Distinct = r.Distinct,
        Vector = r.Vector,
        Hybrid = r.Hybrid,
        RetrieveVectors = r.RetrieveVectors,
    };
}
