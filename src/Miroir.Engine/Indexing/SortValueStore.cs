using System.Text.Json;

namespace Miroir.Engine.Indexing;

/// <summary>
/// Per-document values of the fields the ranking needs outside the text (sortable fields,
/// custom ranking-rule fields, the distinct field, <c>_geo</c>): one column per field, a
/// number or a string per document.
/// </summary>
internal sealed class SortValueStore
{
    private readonly Dictionary<string, SortColumn> _columns = new(StringComparer.Ordinal);
    private double[] _lat = [];
    private double[] _lng = [];

    public IReadOnlyCollection<string> Fields => _columns.Keys;

    public bool HasGeo { get; private set; }

    public SortColumn? Column(string field) => _columns.GetValueOrDefault(field);

    /// <summary>Replaces the set of tracked fields (values must then be re-added).</summary>
    public void Track(IEnumerable<string> fields, bool geo)
    {
        _columns.Clear();
        foreach (var f in fields)
        {
            _columns.TryAdd(f, new SortColumn());
        }
        HasGeo = geo;
        _lat = [];
        _lng = [];
    }

    public void Add(int doc, JsonElement root)
    {
        foreach (var (field, column) in _columns)
        {
            if (JsonPath.TryGet(root, field, out var value))
            {
                column.Set(doc, value);
            }
        }
        if (HasGeo && root.TryGetProperty("_geo", out var geo) && geo.ValueKind == JsonValueKind.Object
            && TryNumber(geo, "lat", out var lat) && TryNumber(geo, "lng", out var lng))
        {
            EnsureGeo(doc);
            _lat[doc] = lat;
            _lng[doc] = lng;
        }
    }

    public void Remove(int doc)
    {
        foreach (var column in _columns.Values)
        {
            column.Clear(doc);
        }
        if (doc < _lat.Length)
        {
            _lat[doc] = double.NaN;
        }
    }

    public bool TryGetGeo(int doc, out double lat, out double lng)
    {
        lat = doc < _lat.Length ? _lat[doc] : double.NaN;
        lng = doc < _lng.Length ? _lng[doc] : double.NaN;
        return !double.IsNaN(lat);
    }

    public void Clear() => Track([.. _columns.Keys], HasGeo);

    private void EnsureGeo(int doc)
    {
        if (doc >= _lat.Length)
        {
            var old = _lat.Length;
            var size = Math.Max(doc + 1, old * 2);
            Array.Resize(ref _lat, size);
            Array.Resize(ref _lng, size);
            Array.Fill(_lat, double.NaN, old, size - old);
        }
    }

    private static bool TryNumber(JsonElement obj, string name, out double value)
    {
        value = double.NaN;
        if (!obj.TryGetProperty(name, out var v))
        {
            return false;
        }
        return v.ValueKind switch
        {
            JsonValueKind.Number => v.TryGetDouble(out value),
            JsonValueKind.String => double.TryParse(v.GetString(), System.Globalization.CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }
}
