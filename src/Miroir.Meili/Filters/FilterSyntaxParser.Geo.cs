using System.Globalization;

namespace Miroir.Meili.Filters;

/// <summary><c>_geoRadius(lat, lng, meters)</c> and <c>_geoBoundingBox([lat, lng], [lat, lng])</c>.</summary>
internal sealed partial class FilterSyntaxParser
{
    private const string GeoRadiusUsage =
        "The `_geoRadius` filter expects three arguments: `_geoRadius(latitude, longitude, radius)`.";

    private const string GeoBoxUsage =
        "The `_geoBoundingBox` filter expects two pairs of arguments: `_geoBoundingBox([latitude, longitude], [latitude, longitude])`.";

    private GeoRadiusNode ParseGeoRadius(int start)
    {
        _pos += "_geoRadius".Length;
        if (Peek() != '(' || !TryFloatList(out var args) || Peek() != ')' || args.Count != 3)
        {
            throw Error(GeoRadiusUsage, start, _src.Length);
        }
        _pos++;
        var lat = CheckLatitude(args[0]);
        var lng = CheckLongitude(args[1]);
        return new GeoRadiusNode(args[0], lat, lng, ToDouble(args[2]));
    }

    private GeoBoundingBoxNode ParseGeoBoundingBox(int start)
    {
        _pos += "_geoBoundingBox".Length;
        var points = new List<List<FilterToken>>();
        if (Peek() != '(')
        {
            throw Error(GeoBoxUsage, start, _src.Length);
        }
        do
        {
            _pos++;
            SkipWhitespace();
            if (Peek() != '[' || !TryFloatList(out var point) || Peek() != ']')
            {
                throw Error(GeoBoxUsage, start, _src.Length);
            }
            _pos++;
            SkipWhitespace();
            points.Add(point);
        }
        while (Peek() == ',');
        if (Peek() != ')' || points.Count != 2 || points[0].Count != 2 || points[1].Count != 2)
        {
            throw Error(GeoBoxUsage, start, _src.Length);
        }
        _pos++;
        var top = CheckLatitude(points[0][0]);
        var right = CheckLongitude(points[0][1]);
        var bottom = CheckLatitude(points[1][0]);
        var left = CheckLongitude(points[1][1]);
        if (top < bottom)
        {
            throw Error(
                $"The top latitude `{Format(top)}` is below the bottom latitude `{Format(bottom)}`.",
                points[0][0].Offset, points[0][0].Offset + points[0][0].Length);
        }
        return new GeoBoundingBoxNode(points[0][0], top, right, bottom, left);
    }

    /// <summary><c>float (WS* "," WS* float)*</c> right after an opening bracket; stops before the closing one.</summary>
    private bool TryFloatList(out List<FilterToken> values)
    {
        values = [];
        _pos++;
        while (true)
        {
            SkipWhitespace();
            var start = _pos;
            var end = FloatEnd(start);
            if (end == start)
            {
                return false;
            }
            values.Add(new FilterToken(_src[start..end], start, end - start, _src));
            _pos = end;
            SkipWhitespace();
            if (Peek() != ',')
            {
                return true;
            }
            _pos++;
        }
    }

    /// <summary>End of <c>[+-]? (digits (. digits?)? | . digits) ([eE] [+-]? digits)?</c>, or <paramref name="i"/> when none.</summary>
    private int FloatEnd(int i)
    {
        var start = i;
        if (i < _src.Length && _src[i] is '+' or '-')
        {
            i++;
        }
        var digits = 0;
        while (i < _src.Length && char.IsAsciiDigit(_src[i])) { i++; digits++; }
        if (i < _src.Length && _src[i] == '.')
        {
            i++;
            while (i < _src.Length && char.IsAsciiDigit(_src[i])) { i++; digits++; }
        }
        if (digits == 0)
        {
            return start;
        }
        if (i < _src.Length && _src[i] is 'e' or 'E')
        {
            var e = i + 1;
            if (e < _src.Length && _src[e] is '+' or '-')
            {
                e++;
            }
            var expStart = e;
            while (e < _src.Length && char.IsAsciiDigit(_src[e])) { e++; }
            if (e > expStart)
            {
                i = e;
            }
        }
        return i;
    }

    private double CheckLatitude(FilterToken token)
    {
        var lat = ToDouble(token);
        if (lat is < -90 or > 90)
        {
            throw Error($"Bad latitude `{token.Value}`. Latitude must be contained between -90 and 90 degrees.",
                token.Offset, token.Offset + token.Length);
        }
        return lat;
    }

    private double CheckLongitude(FilterToken token)
    {
        var lng = ToDouble(token);
        if (lng is < -180 or > 180)
        {
            throw Error($"Bad longitude `{token.Value}`. Longitude must be contained between -180 and 180 degrees.",
                token.Offset, token.Offset + token.Length);
        }
        return lng;
    }

    private static double ToDouble(FilterToken token) =>
        double.Parse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
