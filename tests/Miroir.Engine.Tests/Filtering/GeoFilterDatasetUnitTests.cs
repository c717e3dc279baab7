using System.Text.Json;
using Miroir.Engine.Filtering;
using Miroir.Engine.Indexing;
using Miroir.Tests.Shared;
using Miroir.Meili.Filters;

namespace Miroir.Engine.Tests.Filtering;

/// <summary>Geo filters over the world-cities dataset, checked against an independent brute force.</summary>
public sealed class GeoFilterDatasetUnitTests : IDisposable
{
    private readonly JsonDocument _cities;
    private readonly FieldValueIndex _index = new(["_geo", "country"], ["_geo"]);
    private readonly DocSet _all = new();
    private readonly List<(string Name, double Lat, double Lng)> _points = [];

    public GeoFilterDatasetUnitTests()
    {
        using var stream = TestData.Open(TestData.WorldCities);
        _cities = JsonDocument.Parse(stream);
        var id = 0;
        foreach (var city in _cities.RootElement.EnumerateArray())
        {
            _index.Add(id, city);
            _all.Add(id++);
            var geo = city.GetProperty("_geo");
            _points.Add((city.GetProperty("name").GetString()!, geo.GetProperty("lat").GetDouble(), geo.GetProperty("lng").GetDouble()));
        }
    }

    public void Dispose() => _cities.Dispose();

    // Spherical law of cosines: a different formula from the engine's haversine.
    private static double Distance(double lat1, double lng1, double lat2, double lng2)
    {
        const double Rad = Math.PI / 180;
        var c = Math.Sin(lat1 * Rad) * Math.Sin(lat2 * Rad) + Math.Cos(lat1 * Rad) * Math.Cos(lat2 * Rad) * Math.Cos((lng2 - lng1) * Rad);
        return 6_371_000 * Math.Acos(Math.Clamp(c, -1, 1));
    }

    private int[] Eval(string filter) => FilterCorpus.ToArray(FilterEvaluator.Evaluate(FilterParser.Parse(filter)!, _index, _all));

    [Theory]
    [InlineData(48.8566, 2.3522, 50_000)]
    [InlineData(-33.87, 151.21, 300_000)]
    [InlineData(40.71, -74.0, 1_000_000)]
    [InlineData(-30, 179.9, 2_500_000)]
    public void GeoRadius_MatchesBruteForce(double lat, double lng, double meters)
    {
        var expected = Enumerable.Range(0, _points.Count)
            .Where(i => Distance(lat, lng, _points[i].Lat, _points[i].Lng) <= meters).ToArray();
        var actual = Eval(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"_geoRadius({lat}, {lng}, {meters})"));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void GeoRadius_AroundParis_FindsParis()
    {
        var hits = Eval("_geoRadius(48.8566, 2.3522, 10000)").Select(i => _points[i].Name).ToArray();
        Assert.Contains("Paris", hits);
        Assert.DoesNotContain("London", hits);
    }

    [Theory]
    [InlineData(51, 10, 45, 0)]
    [InlineData(-10, -170, -50, 170)]
    public void GeoBoundingBox_MatchesBruteForce(double top, double right, double bottom, double left)
    {
        var wraps = left > right;
        var expected = Enumerable.Range(0, _points.Count).Where(i =>
        {
            var (_, lat, lng) = _points[i];
            return lat >= bottom && lat <= top && (wraps ? lng >= left || lng <= right : lng >= left && lng <= right);
        }).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Eval($"_geoBoundingBox([{top}, {right}], [{bottom}, {left}])"));
    }

    [Fact]
    public void GeoAndOtherFilters_Combine()
    {
        var france = Eval("country = france").ToHashSet();
        var near = Eval("_geoRadius(48.8566, 2.3522, 400000)");
        Assert.Equal(near.Where(france.Contains), Eval("_geoRadius(48.8566, 2.3522, 400000) AND country = FRANCE"));
    }
}
