using System.Buffers;
using System.Text.Json;

namespace Miroir.Proxy.Merging;

/// <summary>Merges the search responses of a covering set into one Meilisearch search response (spec §4).</summary>
/// <remarks>
/// Each node's hits are read only as far as the k-way merge takes them (nodes rank alike, so each list is already in
/// merge order), once each: the read records the hit's copy plan, and the output is block copies of the node bodies.
/// The hits after the client's window are stepped over without being tokenized to reach the totals and facets.
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
        var sorted = request.Sort is { Count: > 0 };
        var ws = MergeWorkspace.Rent(Math.Max(nodes, 1), sorted ? RankingCriteria.PerHit : 0, request.ShowRankingScore, request.ShowRankingScoreDetails);
        ws.CountSemantic = request.CountSemanticHits;
        ws.SemanticRatio = request.SemanticRatio;
        try
        {
            for (var node = 0; node < nodes; node++)
            {
                NodeResponseScanner.Start(node, nodeResponses[node].Span, ws);
            }

            var paging = request.Paging;
            var selected = HitHeap.Select(ws, nodeResponses, paging.Skip, paging.Take);
            for (var node = 0; node < nodes; node++)
            {
                NodeResponseScanner.Finish(node, nodeResponses[node].Span, ws);
            }

            // Every node body is read before a byte is written: a malformed one fails the merge with nothing out.
            var writer = ws.WriterFor(output);
            writer.WriteStartObject();
            writer.WriteStartArray("hits"u8);

            // Hits go straight to the output; the flushed writer has nothing pending and closes the array after them.
            writer.Flush();
            WriteHits(ws, nodeResponses, selected, output);
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
                writer.WriteNumber("semanticHitCount"u8, SemanticHits(ws, selected));
            }

            writer.WriteEndObject();
            writer.Flush();
        }
        finally
        {
            ws.Return();
        }
    }

    /// <summary>One node counts the page's hits its vector side ranked; the nodes' own counts cover their whole windows.</summary>
    private static long SemanticHits(MergeWorkspace ws, int selected)
    {
        if (!ws.CountSemantic)
        {
            return Math.Min(ws.SemanticHitCount, selected);
        }

        var count = 0;
        for (var i = 0; i < selected; i++)
        {
            count += ws.Hits[ws.Selected[i]].Semantic ? 1 : 0;
        }

        return count;
    }

    private static void WriteHits(MergeWorkspace ws, ReadOnlySpan<ReadOnlyMemory<byte>> bodies, int selected, IBufferWriter<byte> output)
    {
        for (var i = 0; i < selected; i++)
        {
            ref readonly var hit = ref ws.Hits[ws.Selected[i]];
            var comma = i > 0 ? 1 : 0;
            var span = output.GetSpan(hit.OutputLength + comma);
            span[0] = (byte)',';
            HitPieces.Write(ws, in hit, bodies[hit.Node].Span, span[comma..]);
            output.Advance(hit.OutputLength + comma);
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
