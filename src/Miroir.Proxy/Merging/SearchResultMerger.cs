using System.Buffers;
using System.Text.Json;

namespace Miroir.Proxy.Merging;

/// <summary>Merges the search responses of a covering set into one Meilisearch search response (spec §4).</summary>
/// <remarks>
/// Each node body is scanned once; hits stay raw byte ranges in pooled arrays, are merged by a k-way heap over
/// node heads (never sorting the concatenation), and are copied to the output minus stripped fields.
/// </remarks>
public static class SearchResultMerger
{
    /// <summary>Writes the merged response to <paramref name="output"/>.</summary>
    /// <param name="nodeResponses">Raw UTF-8 bodies of the nodes' search responses (asked with offset 0,
    /// limit = <see cref="SearchPaging.NodeLimit"/>, <c>showRankingScore</c>, and score details when sorting), in node order.</param>
    /// <param name="request">The client's view of the search.</param>
    /// <param name="output">Receives the response body.</param>
    /// <exception cref="JsonException">A node body is not a search response.</exception>
    public static void Merge(ReadOnlySpan<ReadOnlyMemory<byte>> nodeResponses, SearchMergeRequest request, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var nodes = nodeResponses.Length;
        var ws = MergeWorkspace.Rent(Math.Max(nodes, 1), request.Sort is { Count: > 0 } ? RankingCriteria.PerHit : 0);
        try
        {
            for (var node = 0; node < nodes; node++)
            {
                NodeResponseScanner.Scan(node, nodeResponses[node].Span, ws);
            }

            var paging = request.Paging;
            var selected = HitHeap.Select(ws, nodes, paging.Skip, paging.Take);
            var writer = ws.WriterFor(output);
            writer.WriteStartObject();
            writer.WriteStartArray("hits"u8);
            for (var i = 0; i < selected; i++)
            {
                ref readonly var hit = ref ws.Hits[ws.Selected[i]];
                ws.Scratch.Clear();
                HitFilter.Write(nodeResponses[hit.Node].Span.Slice(hit.Start, hit.Length), request.ShowRankingScore, request.ShowRankingScoreDetails, ws.Scratch);
                writer.WriteRawValue(ws.Scratch.WrittenSpan, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteString("query"u8, request.Query);
            writer.WriteNumber("processingTimeMs"u8, request.ProcessingTimeMs);
            WritePaging(writer, paging, request.MaxTotalHits is { } cap ? Math.Min(ws.TotalHits, cap) : ws.TotalHits);
            if (FacetMerger.Any(ws.FacetDistribution, nodes))
            {
                FacetMerger.WriteDistribution(writer, nodeResponses, ws.FacetDistribution, request.Facets);
            }

            if (FacetMerger.Any(ws.FacetStats, nodes))
            {
                FacetMerger.WriteStats(writer, nodeResponses, ws.FacetStats);
            }

            if (ws.SemanticHitCount >= 0)
            {
                writer.WriteNumber("semanticHitCount"u8, ws.SemanticHitCount);
            }

            writer.WriteEndObject();
            writer.Flush();
        }
        finally
        {
            ws.Return();
        }
    }

    private static void WritePaging(Utf8JsonWriter writer, SearchPaging paging, long totalHits)
    {
        if (paging.IsPaged)
        {
            writer.WriteNumber("hitsPerPage"u8, paging.HitsPerPage);
            writer.WriteNumber("page"u8, paging.Page);
            writer.WriteNumber("totalPages"u8, paging.TotalPages(totalHits));
            writer.WriteNumber("totalHits"u8, totalHits);
        }
        else
        {
            writer.WriteNumber("limit"u8, paging.Limit);
            writer.WriteNumber("offset"u8, paging.Offset);
            writer.WriteNumber("estimatedTotalHits"u8, totalHits);
        }
    }
}
