using Miroir.Engine.Search;

namespace Miroir.Engine.Ranking;

/// <summary>Materialises ranked candidates as <see cref="SearchHit"/>s with their score details.</summary>
internal sealed partial class SearchExecutor
{
    private SearchHit MakeHit(int candidate)
    {
        var c = _candidates[candidate];
        var entries = _plan.Entries;
        var details = new ScoreDetail[entries.Count];
        var r = 0;
        double? geoDistance = null;
        for (var e = 0; e < entries.Count; e++)
        {
            var entry = entries[e];
            if (entry.Sort is not { } spec)
            {
                details[e] = new ScoreDetail(entry.Kind, _ranks[(candidate * _rankCount) + r++]);
                continue;
            }
            if (spec.IsGeo)
            {
                var distance = SortComparer.Distance(context.Values, spec, c.Doc);
                var hasPoint = context.Values.TryGetGeoPoint(c.Doc, out var lat, out var lng);
                geoDistance ??= double.IsNaN(distance) ? null : Math.Round(distance);
                details[e] = new ScoreDetail(ScoreDetailKind.GeoSort, default)
                {
                    Field = spec.DetailName,
                    Ascending = spec.Ascending,
                    Lat = hasPoint ? lat : null,
                    Lng = hasPoint ? lng : null,
                    Distance = double.IsNaN(distance) ? null : distance,
                };
                continue;
            }
            var has = context.Values.TryGetSortValue(c.Doc, spec.Field, !spec.Ascending, out var value);
            details[e] = new ScoreDetail(ScoreDetailKind.Sort, default)
            {
                Field = spec.DetailName,
                Ascending = spec.Ascending,
                Number = has && value.IsNumber ? value.Number : null,
                Text = has && !value.IsNumber ? value.Text : null,
            };
        }
        return new SearchHit
        {
            DocId = c.Doc,
            ExternalId = context.Documents.ExternalId(c.Doc),
            Json = context.Documents.Json(c.Doc),
            Score = c.Score,
            Details = details,
            GeoDistance = geoDistance,
        };
    }
}
