using Miroir.Engine.Filtering;

namespace Miroir.Engine.Ranking;

/// <summary>
/// Meilisearch's sort order for one criterion: numbers before strings, documents without a
/// value last, in either direction; geo criteria order by distance.
/// </summary>
internal static class SortComparer
{
    /// <summary>Negative when <paramref name="a"/> ranks before <paramref name="b"/>.</summary>
    public static int Compare(FieldValueIndex values, SortSpec spec, int a, int b)
    {
        if (spec.IsGeo)
        {
            var da = Distance(values, spec, a);
            var db = Distance(values, spec, b);
            if (double.IsNaN(da) || double.IsNaN(db))
            {
                return double.IsNaN(da) ? (double.IsNaN(db) ? 0 : 1) : -1;
            }
            return spec.Ascending ? da.CompareTo(db) : db.CompareTo(da);
        }
        var hasA = values.TryGetSortValue(a, spec.Field, !spec.Ascending, out var va);
        var hasB = values.TryGetSortValue(b, spec.Field, !spec.Ascending, out var vb);
        if (!hasA || !hasB)
        {
            return hasA == hasB ? 0 : hasA ? -1 : 1;
        }
        if (va.IsNumber != vb.IsNumber)
        {
            return va.IsNumber ? -1 : 1;
        }
        var c = va.CompareTo(vb);
        return spec.Ascending ? c : -c;
    }

    /// <summary>Distance in meters from the criterion's point, NaN without a <c>_geo</c>.</summary>
    public static double Distance(FieldValueIndex values, SortSpec spec, int doc) =>
        values.TryGetGeoPoint(doc, out var lat, out var lng) ? Haversine(spec.GeoLat, spec.GeoLng, lat, lng) : double.NaN;

    public static double Haversine(double lat1, double lng1, double lat2, double lng2)
    {
        const double EarthRadius = 6_371_008.8;
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLng = Rad(lng2 - lng1);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2));
        return 2 * EarthRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
