using System.Text.Json;

namespace Miroir.Proxy.Merging;

/// <summary>Merges <c>facetDistribution</c> (counts summed per value) and <c>facetStats</c> (min of mins, max of maxes) across nodes.</summary>
/// <remarks>Allocates per facet value, not per hit; the client's maxValuesPerFacet and order apply after summing (spec §4.6).</remarks>
internal static class FacetMerger
{
    private static ReadOnlySpan<byte> ReservedPrefix => "_miroir_"u8;

    public static bool Any(ReadOnlySpan<int> ranges, int nodes)
    {
        for (var node = 0; node < nodes; node++)
        {
            if (ranges[(node * 2) + 1] > 0)
            {
                return true;
            }
        }

        return false;
    }

    public static void WriteDistribution(Utf8JsonWriter writer, ReadOnlySpan<ReadOnlyMemory<byte>> bodies, ReadOnlySpan<int> ranges, FacetMergeOptions options)
    {
        var order = new List<string>();
        var facets = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        for (var node = 0; node < bodies.Length; node++)
        {
            if (ranges[(node * 2) + 1] == 0)
            {
                continue;
            }

            var reader = new Utf8JsonReader(bodies[node].Span.Slice(ranges[node * 2], ranges[(node * 2) + 1]));
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var reserved = reader.ValueSpan.StartsWith(ReservedPrefix);
                var facet = reader.GetString()!;
                reader.Read();
                if (reserved || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                if (!facets.TryGetValue(facet, out var values))
                {
                    facets[facet] = values = new Dictionary<string, long>(StringComparer.Ordinal);
                    order.Add(facet);
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var value = reader.GetString()!;
                    reader.Read();
                    var count = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : 0;
                    values[value] = values.GetValueOrDefault(value) + count;
                }
            }
        }

        writer.WriteStartObject("facetDistribution");
        foreach (var facet in order)
        {
            var entries = facets[facet].Select(static e => new FacetValue(e.Key, e.Value)).ToArray();
            if (options.OrderOf(facet) == FacetValuesOrder.Count)
            {
                Array.Sort(entries, static (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : FacetValue.CompareAlpha(a, b));
            }
            else
            {
                Array.Sort(entries, FacetValue.CompareAlpha);
            }

            writer.WriteStartObject(facet);
            var kept = Math.Min(entries.Length, Math.Max(0, options.MaxValuesPerFacet));
            for (var i = 0; i < kept; i++)
            {
                writer.WriteNumber(entries[i].Key, entries[i].Count);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public static void WriteStats(Utf8JsonWriter writer, ReadOnlySpan<ReadOnlyMemory<byte>> bodies, ReadOnlySpan<int> ranges)
    {
        var order = new List<string>();
        var stats = new Dictionary<string, (double Min, double Max)>(StringComparer.Ordinal);
        for (var node = 0; node < bodies.Length; node++)
        {
            if (ranges[(node * 2) + 1] == 0)
            {
                continue;
            }

            var reader = new Utf8JsonReader(bodies[node].Span.Slice(ranges[node * 2], ranges[(node * 2) + 1]));
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var reserved = reader.ValueSpan.StartsWith(ReservedPrefix);
                var facet = reader.GetString()!;
                reader.Read();
                if (reserved || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

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

                if (stats.TryGetValue(facet, out var known))
                {
                    stats[facet] = (Math.Min(known.Min, min), Math.Max(known.Max, max));
                }
                else
                {
                    stats[facet] = (min, max);
                    order.Add(facet);
                }
            }
        }

        writer.WriteStartObject("facetStats");
        foreach (var facet in order)
        {
            var (min, max) = stats[facet];
            writer.WriteStartObject(facet);
            writer.WriteNumber("min"u8, min);
            writer.WriteNumber("max"u8, max);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
