namespace Miroir.Engine.Filtering;

/// <summary>Great-circle distances the way Meilisearch computes them (haversine, Earth radius 6371 km).</summary>
public static class GeoMath
{
    public const double EarthRadiusMeters = 6_371_000;

    /// <summary>Distance in meters between two points given in degrees.</summary>
    public static double HaversineMeters(double lat1, double lng1, double lat2, double lng2)
    {
        var dLat = DegreesToRadians(lat2 - lat1);
        var dLng = DegreesToRadians(lng2 - lng1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(DegreesToRadians(lat1)) * Math.Cos(DegreesToRadians(lat2)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static double DegreesToRadians(double degrees) => degrees * (Math.PI / 180);
}
