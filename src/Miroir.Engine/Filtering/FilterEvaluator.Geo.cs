using Miroir.Engine.Indexing;
using Miroir.Meili.Filters;

namespace Miroir.Engine.Filtering;

/// <summary>Geo filters: a scan of the universe's documents that have a <c>_geo</c> point.</summary>
public static partial class FilterEvaluator
{
    private static DocSet GeoRadius(FieldValueIndex index, GeoRadiusNode node, DocSet universe)
    {
        var candidates = Within(universe, index.GeoDocs);
        var result = new DocSet(universe.Capacity);
        foreach (var doc in candidates)
        {
            index.TryGetGeoPoint(doc, out var lat, out var lng);
            if (GeoMath.HaversineMeters(node.Lat, node.Lng, lat, lng) <= node.Meters)
            {
                result.Add(doc);
            }
        }
        return result;
    }

    private static DocSet GeoBoundingBox(FieldValueIndex index, GeoBoundingBoxNode node, DocSet universe)
    {
        var candidates = Within(universe, index.GeoDocs);
        var result = new DocSet(universe.Capacity);
        // A left edge east of the right edge means the box crosses the antimeridian.
        var wraps = node.LeftLng > node.RightLng;
        foreach (var doc in candidates)
        {
            index.TryGetGeoPoint(doc, out var lat, out var lng);
            if (lat < node.BottomLat || lat > node.TopLat)
            {
                continue;
            }
            var inside = wraps ? lng >= node.LeftLng || lng <= node.RightLng : lng >= node.LeftLng && lng <= node.RightLng;
            if (inside)
            {
                result.Add(doc);
            }
        }
        return result;
    }
}
