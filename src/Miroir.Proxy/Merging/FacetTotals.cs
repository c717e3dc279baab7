using System.Text.Json;

namespace Miroir.Proxy.Merging;

/// <summary>Facet counts summed per value and numeric stats widened (min of mins, max of maxes), facets in first-seen order.</summary>
/// <remarks>Read from node <c>facetDistribution</c>/<c>facetStats</c> objects (reserved <c>_miroir_*</c> facets skipped), or
/// added up from other totals (federated <c>mergeFacets</c>). Allocates per facet value, not per hit.</remarks>
internal sealed class FacetTotals
{
    private static ReadOnlySpan<byte> ReservedPrefix => "_miroir_"u8;

    private readonly List<string> _facets = [];
    private readonly Dictionary<string, Dictionary<string, long>> _counts = new(StringComparer.Ordinal);
    private readonly List<string> _statFacets = [];
    private readonly Dictionary<string, (double Min, double Max)> _stats = new(StringComparer.Ordinal);

    public bool HasDistribution => _facets.Count > 0;

    /// <summary>Adds a distribution object (<c>{facet: {value: count}}</c>).</summary>
    public void AddDistribution(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (NextFacet(ref reader, out var facet))
        {
            var values = Values(facet);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var value = reader.GetString()!;
                reader.Read();
                var count = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : 0;
                values[value] = values.GetValueOrDefault(value) + count;
            }
        }
    }

    /// <summary>Adds a stats object (<c>{facet: {min, max}}</c>).</summary>
    public void AddStats(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (NextFacet(ref reader, out var facet))
        {
            var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMin = reader.ValueTextEquals("min"u8);
                var isMax = reader.ValueTextEquals("max"u8);
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number)
                {
                    reader.Skip();
                    continue;
                }

                if (isMin)
                {
                    min = reader.GetDouble();
                }
                else if (isMax)
                {
                    max = reader.GetDouble();
                }
            }

            Widen(facet, min, max);
        }
    }

    /// <summary>Adds another set of totals as written: each facet's values ordered and cut by <paramref name="options"/>.</summary>
    public void Add(FacetTotals other, FacetMergeOptions options)
    {
        foreach (var facet in other._facets)
        {
            var values = Values(facet);
            foreach (var entry in other.Ordered(facet, options.OrderOf(facet), options.MaxValuesPerFacet))
            {
                values[entry.Key] = values.GetValueOrDefault(entry.Key) + entry.Count;
            }
        }

        foreach (var facet in other._statFacets)
        {
            var (min, max) = other._stats[facet];
            Widen(facet, min, max);
        }
    }

    /// <summary>Writes <c>"name": {facet: {value: count}}</c>, each facet's values in its order, at most <paramref name="maxValues"/>.</summary>
    /// <param name="merged">Federated <c>mergeFacets</c>: facets by name, values compared as plain text (numbers too),
    /// as Meilisearch orders merged facets; otherwise facets in first-seen order, numeric values first.</param>
    public void WriteDistribution(Utf8JsonWriter writer, ReadOnlySpan<byte> name, Func<string, FacetValuesOrder> order, int maxValues, bool merged = false)
    {
        writer.WriteStartObject(name);
        foreach (var facet in merged ? _facets.Order(StringComparer.Ordinal) : (IEnumerable<string>)_facets)
        {
            writer.WriteStartObject(facet);
            foreach (var entry in Ordered(facet, order(facet), maxValues, merged))
            {
                writer.WriteNumber(entry.Key, entry.Count);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes <c>"name": {facet: {min, max}}</c>.</summary>
    public void WriteStats(Utf8JsonWriter writer, ReadOnlySpan<byte> name, bool merged = false)
    {
        writer.WriteStartObject(name);
        foreach (var facet in merged ? _statFacets.Order(StringComparer.Ordinal) : (IEnumerable<string>)_statFacets)
        {
            var (min, max) = _stats[facet];
            writer.WriteStartObject(facet);
            writer.WriteNumber("min"u8, min);
            writer.WriteNumber("max"u8, max);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private FacetValue[] Ordered(string facet, FacetValuesOrder order, int maxValues, bool asText = false)
    {
        var entries = _counts[facet].Select(static e => new FacetValue(e.Key, e.Value)).ToArray();
        Comparison<FacetValue> alpha = asText ? static (a, b) => string.CompareOrdinal(a.Key, b.Key) : FacetValue.CompareAlpha;
        if (order == FacetValuesOrder.Count)
        {
            Array.Sort(entries, (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : alpha(a, b));
        }
        else
        {
            Array.Sort(entries, alpha);
        }

        return entries.Length > maxValues ? entries[..Math.Max(0, maxValues)] : entries;
    }

    private Dictionary<string, long> Values(string facet)
    {
        if (!_counts.TryGetValue(facet, out var values))
        {
            _counts[facet] = values = new Dictionary<string, long>(FacetKey.Comparer);
            _facets.Add(facet);
        }

        return values;
    }

    private void Widen(string facet, double min, double max)
    {
        if (_stats.TryGetValue(facet, out var known))
        {
            _stats[facet] = (Math.Min(known.Min, min), Math.Max(known.Max, max));
        }
        else
        {
            _stats[facet] = (min, max);
            _statFacets.Add(facet);
        }
    }

    /// <summary>Moves to the next client facet's object (reserved facets and non-objects skipped); false at the end.</summary>
    private static bool NextFacet(ref Utf8JsonReader reader, out string facet)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var reserved = reader.ValueSpan.StartsWith(ReservedPrefix);
            facet = reader.GetString()!;
            reader.Read();
            if (!reserved && reader.TokenType == JsonTokenType.StartObject)
            {
                return true;
            }

            reader.Skip();
        }

        facet = "";
        return false;
    }
}
