using System.Globalization;
using Miroir.Meili.Errors;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Ranking;

/// <summary>One criterion of the <c>sort</c> search parameter (or a <c>field:asc</c> ranking rule).</summary>
internal sealed record SortSpec(string Field, bool Ascending, double GeoLat = 0, double GeoLng = 0)
{
    public bool IsGeo => Field == "_geoPoint";

    /// <summary>The name Meilisearch uses as the key of this criterion in the score details.</summary>
    public string DetailName => IsGeo
        ? string.Create(CultureInfo.InvariantCulture, $"_geoPoint({GeoLat}, {GeoLng}):{(Ascending ? "asc" : "desc")}")
        : $"{Field}:{(Ascending ? "asc" : "desc")}";

    /// <summary>Parses and validates the request's sort criteria against the sortable attributes.</summary>
    public static List<SortSpec> ParseRequest(IReadOnlyList<string> sort, IndexSettings settings)
    {
        var result = new List<SortSpec>(sort.Count);
        foreach (var raw in sort)
        {
            var text = raw.Trim();
            var colon = text.LastIndexOf(':');
            if (colon <= 0 || (text[(colon + 1)..] is not ("asc" or "desc")))
            {
                if (text.StartsWith("_geoPoint", StringComparison.Ordinal))
                {
                    throw GeoSyntax(text);
                }
                throw new MeiliException(ErrorCode.InvalidSearchSort,
                    $"Invalid syntax for the sort parameter: expected expression ending by `:asc` or `:desc`, found `{text}`.");
            }
            var field = text[..colon];
            var ascending = text[(colon + 1)..] == "asc";
            if (field.StartsWith("_geoPoint", StringComparison.Ordinal))
            {
                var (lat, lng) = ParseGeoPoint(field, text);
                RequireSortable("_geo", settings);
                result.Add(new SortSpec("_geoPoint", ascending, lat, lng));
                continue;
            }
            if (field is "_geo" or "_geoDistance" or "_geoRadius" or "_geoBoundingBox")
            {
                throw new MeiliException(ErrorCode.InvalidSearchSort,
                    $"`{field}` is a reserved keyword and thus can't be used as a sort expression. Use the _geoPoint(latitude, longitude) built-in rule to sort on _geo field coordinates.");
            }
            RequireSortable(field, settings);
            result.Add(new SortSpec(field, ascending));
        }
        return result;
    }

    private static void RequireSortable(string field, IndexSettings settings)
    {
        foreach (var s in settings.SortableAttributes)
        {
            if (s == field || field.StartsWith(s + ".", StringComparison.Ordinal))
            {
                return;
            }
        }
        var available = settings.SortableAttributes.Count == 0
            ? "This index does not have configured sortable attributes."
            : $"Available sortable attributes are: `{string.Join(", ", settings.SortableAttributes.Order(StringComparer.Ordinal))}`.";
        throw new MeiliException(ErrorCode.InvalidSearchSort, $"Attribute `{field}` is not sortable. {available}");
    }

    private static (double Lat, double Lng) ParseGeoPoint(string field, string text)
    {
        var open = field.IndexOf('(', StringComparison.Ordinal);
        var close = field.LastIndexOf(')');
        if (open < 0 || close < open || close != field.Length - 1)
        {
            throw GeoSyntax(text);
        }
        var parts = field[(open + 1)..close].Split(',');
        if (parts.Length != 2
            || !double.TryParse(parts[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(parts[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lng))
        {
            throw GeoSyntax(text);
        }
        if (lat is < -90 or > 90)
        {
            throw new MeiliException(ErrorCode.InvalidSearchSort,
                $"Bad latitude `{parts[0].Trim()}`. Latitude must be contained between -90 and 90 degrees.");
        }
        if (lng is < -180 or > 180)
        {
            throw new MeiliException(ErrorCode.InvalidSearchSort,
                $"Bad longitude `{parts[1].Trim()}`. Longitude must be contained between -180 and 180 degrees.");
        }
        return (lat, lng);
    }

    private static MeiliException GeoSyntax(string text) => new(ErrorCode.InvalidSearchSort,
        $"Invalid syntax for the geo parameter: expected expression formated like `_geoPoint(latitude, longitude)` and ending by `:asc` or `:desc`, found `{text}`.");
}
