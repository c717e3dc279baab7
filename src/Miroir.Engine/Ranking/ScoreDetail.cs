namespace Miroir.Engine.Ranking;

/// <summary>
/// One entry of a hit's score details: a rank for relevancy rules, or the sort value for
/// <c>sort</c> and <c>field:asc|desc</c> rules (which never enter the score).
/// </summary>
public readonly record struct ScoreDetail(ScoreDetailKind Kind, Rank Rank)
{
    /// <summary>Sort field (or the <c>_geoPoint(lat, lng)</c> text) for sort entries.</summary>
    public string? Field { get; init; }

    public bool Ascending { get; init; }

    /// <summary>The number a sort entry sorted by, when it is a number.</summary>
    public double? Number { get; init; }

    /// <summary>The string a sort entry sorted by, when it is a string.</summary>
    public string? Text { get; init; }

    /// <summary>Geo sort: the document's point and its distance in meters.</summary>
    public double? Lat { get; init; }

    public double? Lng { get; init; }

    public double? Distance { get; init; }

    public bool IsRelevancy => Kind is not (ScoreDetailKind.Sort or ScoreDetailKind.GeoSort);
}
