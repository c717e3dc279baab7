using System.Text.Json;

namespace Miroir.Proxy.Merging;

/// <summary>Reads one node's search response once: hit byte ranges, scores and sort values, totals, facet sections.</summary>
internal static partial class NodeResponseScanner
{
    /// <summary>Scans <paramref name="body"/> (node <paramref name="node"/>) into the workspace.</summary>
    /// <exception cref="JsonException">The node sent something that is not a search response.</exception>
    public static void Scan(int node, ReadOnlySpan<byte> body, MergeWorkspace ws)
    {
        ws.NodeStart[node] = ws.HitCount;
        ws.NodeCount[node] = 0;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A node search response is not a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("hits"u8))
            {
                reader.Read();
                ScanHits(node, ref reader, ws);
            }
            else if (reader.ValueTextEquals("estimatedTotalHits"u8) || reader.ValueTextEquals("totalHits"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number)
                {
                    ws.TotalHits += reader.GetInt64();
                }
            }
            else if (reader.ValueTextEquals("semanticHitCount"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number)
                {
                    ws.SemanticHitCount = Math.Max(ws.SemanticHitCount, 0) + reader.GetInt64();
                }
            }
            else if (reader.ValueTextEquals("facetDistribution"u8))
            {
                RecordSection(ref reader, ws.FacetDistribution, node);
            }
            else if (reader.ValueTextEquals("facetStats"u8))
            {
                RecordSection(ref reader, ws.FacetStats, node);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        ws.NodeCount[node] = ws.HitCount - ws.NodeStart[node];
    }

    // Facets are merged after all hits, from the raw object range kept here ([start, start + length); length 0 = absent).
    private static void RecordSection(ref Utf8JsonReader reader, int[] ranges, int node)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        ranges[node * 2] = start;
        ranges[(node * 2) + 1] = (int)reader.BytesConsumed - start;
    }

    private static void ScanHits(int node, ref Utf8JsonReader reader, MergeWorkspace ws)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("`hits` in a node search response is not an array.");
        }

        var rules = ws.Criteria;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var index = ws.HitCount;
            ref var hit = ref ws.AddHit();
            hit.Node = node;
            hit.Start = (int)reader.TokenStartIndex;
            hit.Score = 0;
            if (rules > 0)
            {
                ws.Values.AsSpan(index * rules, rules).Fill(new SortValue { Kind = SortValueKind.Missing });
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("_rankingScore"u8))
                {
                    reader.Read();
                    hit.Score = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : 0;
                }
                else if (rules > 0 && reader.ValueTextEquals("_rankingScoreDetails"u8))
                {
                    reader.Read();
                    ScanDetails(ref reader, ws, index * rules);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            hit.Length = (int)reader.BytesConsumed - hit.Start;
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("A hit in a node search response is not an object.");
        }
    }
}
