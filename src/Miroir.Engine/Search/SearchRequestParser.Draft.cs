using System.Text.Json;

namespace Miroir.Engine.Search;

/// <summary>Mutable fields gathered while a search request is validated, then frozen.</summary>
public static partial class SearchRequestParser
{
    private sealed class Draft
    {
        public string? Q;
        public int Offset;
        public int Limit = 20;
        public int? Page;
        public int? HitsPerPage;
        public JsonElement? Filter;
        public List<string>? Facets;
        public List<string>? AttributesToRetrieve;
        public List<string>? AttributesToCrop;
        public int CropLength = 10;
        public string CropMarker = "…";
        public List<string>? AttributesToHighlight;
        public string HighlightPreTag = "<em>";
        public string HighlightPostTag = "</em>";
        public bool ShowMatchesPosition;
        public List<string>? Sort;
        public MatchingStrategy MatchingStrategy = MatchingStrategy.Last;
        public bool ShowRankingScore;
        public bool ShowRankingScoreDetails;
        public double? RankingScoreThreshold;
        public List<string>? AttributesToSearchOn;
        public string? Distinct;
        public float[]? Vector;
        public HybridQuery? Hybrid;
        public bool RetrieveVectors;

        public SearchRequest Build() => new()
        {
            Q = Q,
            Offset = Offset,
            Limit = Limit,
            Page = Page,
            HitsPerPage = HitsPerPage,
            Filter = Filter,
            Facets = Facets,
            AttributesToRetrieve = AttributesToRetrieve,
            AttributesToCrop = AttributesToCrop,
            CropLength = CropLength,
            CropMarker = CropMarker,
            AttributesToHighlight = AttributesToHighlight,
            HighlightPreTag = HighlightPreTag,
            HighlightPostTag = HighlightPostTag,
            ShowMatchesPosition = ShowMatchesPosition,
            Sort = Sort,
            MatchingStrategy = MatchingStrategy,
            ShowRankingScore = ShowRankingScore,
            ShowRankingScoreDetails = ShowRankingScoreDetails,
            RankingScoreThreshold = RankingScoreThreshold,
            AttributesToSearchOn = AttributesToSearchOn,
            Distinct = Distinct,
            Vector = Vector,
            Hybrid = Hybrid,
            RetrieveVectors = RetrieveVectors,
        };
    }

    private static readonly string[] MatchingStrategies = ["last", "all", "frequency"];

    private static MatchingStrategy? ToStrategy(string value) => value switch
    {
        "last" => MatchingStrategy.Last,
        "all" => MatchingStrategy.All,
        "frequency" => MatchingStrategy.Frequency,
        _ => null,
    };
}
