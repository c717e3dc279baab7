using System.Text.Json;

namespace Miroir.Proxy.Merging;

/// <summary>Merges <c>facetDistribution</c> (counts summed per value) and <c>facetStats</c> (min of mins, max of maxes) across nodes.</summary>
/// <remarks>Allocates per facet value, not per hit; the client's maxValuesPerFacet and order apply after summing (spec §4.6).</remarks>
internal static class FacetMerger
{
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
        var totals = new FacetTotals();
        for (var node = 0; node < bodies.Length; node++)
        {
            if (ranges[(node * 2) + 1] > 0)
            {
                totals.AddDistribution(bodies[node].Span.Slice(ranges[node * 2], ranges[(node * 2) + 1]));
            }
        }

        totals.WriteDistribution(writer, "facetDistribution"u8, options.OrderOf, options.MaxValuesPerFacet);
    }

    public static void WriteStats(Utf8JsonWriter writer, ReadOnlySpan<ReadOnlyMemory<byte>> bodies, ReadOnlySpan<int> ranges)
    {
        var totals = new FacetTotals();
        for (var node = 0; node < bodies.Length; node++)
        {
            if (ranges[(node * 2) + 1] > 0)
            {
                totals.AddStats(bodies[node].Span.Slice(ranges[node * 2], ranges[(node * 2) + 1]));
            }
        }

        totals.WriteStats(writer, "facetStats"u8);
    }
}
