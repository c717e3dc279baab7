using System.Text.Json;

namespace Miroir.Proxy.Merging;

/// <summary>Reads the top level of one node's search response: totals and facet sections, around a <c>hits</c> array left to <see cref="HitReader"/>.</summary>
/// <remarks>
/// <see cref="Start"/> reads up to <c>hits</c> (wherever it is), the merge then reads only the hits it takes, and
/// <see cref="Finish"/> steps over the rest of the array (<see cref="JsonArrayEnd"/>) to read what follows it.
/// </remarks>
internal static class NodeResponseScanner
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 256 };

    /// <summary>Reads <paramref name="body"/> (node <paramref name="node"/>) up to the start of its hits.</summary>
    /// <exception cref="JsonException">The node sent something that is not a search response.</exception>
    public static void Start(int node, ReadOnlySpan<byte> body, MergeWorkspace ws)
    {
        ref var cursor = ref ws.Nodes[node];
        cursor = new NodeCursor { Head = -1 };
        var reader = new Utf8JsonReader(body, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A node search response is not a JSON object.");
        }

        if (ReadFields(ref reader, 0, node, ws, stopAtHits: true))
        {
            cursor.HasHits = true;
            cursor.Position = (int)reader.BytesConsumed;
            cursor.State = reader.CurrentState;
        }
    }

    /// <summary>Reads what follows the hits the merge did not take.</summary>
    /// <exception cref="JsonException">The rest of the response is cut short or malformed.</exception>
    public static void Finish(int node, ReadOnlySpan<byte> body, MergeWorkspace ws)
    {
        ref var cursor = ref ws.Nodes[node];
        if (!cursor.HasHits)
        {
            return;
        }

        var end = cursor.Exhausted ? cursor.Position : JsonArrayEnd.Find(body, cursor.Position);

        // The saved state expects an element or `]`: resumed on `]`, the reader closes the array and goes on.
        var reader = new Utf8JsonReader(body[end..], isFinalBlock: true, cursor.State);
        reader.Read();
        ReadFields(ref reader, end, node, ws, stopAtHits: false);
    }

    // True when stopped on the StartArray of `hits`; offset turns reader indices into body indices.
    private static bool ReadFields(ref Utf8JsonReader reader, int offset, int node, MergeWorkspace ws, bool stopAtHits)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("hits"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new JsonException("`hits` in a node search response is not an array.");
                }

                if (stopAtHits)
                {
                    return true;
                }

                reader.Skip();
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
                RecordSection(ref reader, offset, ws.FacetDistribution, node);
            }
            else if (reader.ValueTextEquals("facetStats"u8))
            {
                RecordSection(ref reader, offset, ws.FacetStats, node);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return false;
    }

    // Facets are merged after all hits, from the raw object range kept here ([start, start + length); length 0 = absent).
    private static void RecordSection(ref Utf8JsonReader reader, int offset, int[] ranges, int node)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        ranges[node * 2] = offset + start;
        ranges[(node * 2) + 1] = (int)reader.BytesConsumed - start;
    }
}
