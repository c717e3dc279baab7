using System.Globalization;
using System.Text.Json;
using Miroir.Engine.Indexing;

namespace Miroir.Engine.Filtering;

/// <summary>The <c>_geo</c> points, columnar, for <c>_geoRadius</c>, <c>_geoBoundingBox</c> and <c>_geoPoint</c> sorting.</summary>
public sealed partial class FieldValueIndex
{
    private double[] _lats = [];
    private double[] _lngs = [];

    /// <summary>Documents with a valid <c>_geo</c> point.</summary>
    public DocSet GeoDocs { get; } = new();

    public bool TryGetGeoPoint(int docId, out double lat, out double lng)
    {
        if (GeoDocs.Contains(docId))
        {
            lat = _lats[docId];
            lng = _lngs[docId];
            return true;
        }
        lat = lng = 0;
        return false;
    }

    /// <summary>Reads <c>{"lat": .., "lng": ..}</c> with numbers or numeric strings, as Meilisearch accepts.</summary>
    public static bool TryReadGeo(JsonElement geo, out double lat, out double lng)
    {
        lat = lng = 0;
        return geo.ValueKind == JsonValueKind.Object
            && geo.TryGetProperty("lat", out var latElement) && TryReadCoordinate(latElement, out lat)
            && geo.TryGetProperty("lng", out var lngElement) && TryReadCoordinate(lngElement, out lng)
            && lat is >= -90 and <= 90 && lng is >= -180 and <= 180;
    }

    private static bool TryReadCoordinate(JsonElement element, out double value)
    {
        value = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDouble(out value) && double.IsFinite(value),
            JsonValueKind.String => double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                && double.IsFinite(value),
            _ => false,
        };
    }

    private void AddGeo(int docId, JsonElement geo)
    {
        if (!TryReadGeo(geo, out var lat, out var lng))
        {
            return;
        }
        if (docId >= _lats.Length)
        {
            var size = Math.Max(docId + 1, Math.Max(64, _lats.Length * 2));
            Array.Resize(ref _lats, size);
            Array.Resize(ref _lngs, size);
        }
        _lats[docId] = lat;
        _lngs[docId] = lng;
        GeoDocs.Add(docId);
    }

    private void RemoveGeo(int docId) => GeoDocs.Remove(docId);
}
