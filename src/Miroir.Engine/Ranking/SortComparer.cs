using Miroir.Engine.Indexing;

namespace Miroir.Engine.Ranking;

/// <summary>
/// Meilisearch's sort order for one criterion: numbers before strings, documents without a
/// value last, in either direction; geo criteria order by distance.
/// </summary>
internal static class SortComparer
{
    /// <summary>Negative when <paramref name="a"/> ranks before <paramref name="b"/>.</summary>
    public static int Compare(SortValueStore values, SortSpec spec, int a, int b)
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
        var column = values.Column(spec.Field);
        if (column is null)
        {
            return 0;
        }
        var ka = Kind(column, a, out var na, out var sa);
        var kb = Kind(column, b, out var nb, out var sb);
        if (ka != kb)
        {
            return ka.CompareTo(kb);
        }
        var c = ka switch
        {
            0 => na.CompareTo(nb),
            1 => string.CompareOrdinal(sa, sb),
            _ => 0,
        };
        return spec.Ascending ? c : -c;
    }

    /// <summary>Distance in meters from the criterion's point, NaN without a <c>_geo</c>.</summary>
    public static double Distance(SortValueStore values, SortSpec spec, int doc) =>
        values.TryGetGeo(doc, out var lat, out var lng) ? Haversine(spec.GeoLat, spec.GeoLng, lat, lng) : double.NaN;

    public static double Haversine(double lat1, double lng1, double lat2, double lng2)
    {
        const double EarthRadius = 6_371_008.8;
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLng = Rad(lng2 - lng1);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2));
        return 2 * EarthRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static int Kind(SortColumn column, int doc, out double number, out string? text)
    {
        text = null;
        if (column.TryGetNumber(doc, out number))
        {
            return 0;
        }
        text = column.GetNormalized(doc);
        return text is null ? 2 : 1;
    }
}
