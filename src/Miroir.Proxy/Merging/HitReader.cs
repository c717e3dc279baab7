using System.Text.Json;

namespace Miroir.Proxy.Merging;

/// <summary>Reads a node's next hit, once: its score, its sort values, and its copy plan without the fields clients must not see.</summary>
/// <remarks>
/// Dropped are <c>_miroir_*</c> (also one level down in <c>_formatted</c> and <c>_matchesPosition</c>, which mirror
/// document fields) and the scores the client did not ask for. The output equals <see cref="HitFilter"/>'s: kept
/// properties byte for byte, joined by single commas.
/// </remarks>
internal static partial class HitReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 256 };

    private static ReadOnlySpan<byte> ReservedPrefix => "_miroir_"u8;

    /// <summary>The hit's primary key, sent by engine nodes asked through <see cref="Reads.NodeTieBreak"/>.</summary>
    private static ReadOnlySpan<byte> KeyName => "_miroir_id"u8;

    /// <summary>Reads the next hit of <paramref name="node"/> into the workspace and makes it the node's head; false when its hits are exhausted.</summary>
    /// <exception cref="JsonException">The hits array is cut short or holds something other than objects.</exception>
    public static bool Next(int node, ReadOnlySpan<byte> body, MergeWorkspace ws)
    {
        ref var cursor = ref ws.Nodes[node];
        if (!cursor.HasHits || cursor.Exhausted)
        {
            return false;
        }

        var pos = SkipWhitespace(body, cursor.Position);
        if (pos < body.Length && body[pos] == ']')
        {
            cursor.Position = pos;
            cursor.Exhausted = true;
            cursor.Head = -1;
            return false;
        }

        if (cursor.Started)
        {
            if (pos >= body.Length || body[pos] != ',')
            {
                throw new JsonException("Hits in a node search response are not separated by commas.");
            }

            pos = SkipWhitespace(body, pos + 1);
        }

        if (pos >= body.Length || body[pos] != '{')
        {
            throw new JsonException("A hit in a node search response is not an object.");
        }

        var index = ws.HitCount;
        ref var hit = ref ws.AddHit();
        hit.Node = node;
        hit.Start = pos;
        hit.Score = 0;
        hit.OutputLength = 0;
        hit.KeyLength = -1;
        hit.Semantic = false;
        hit.PieceStart = ws.PieceCount;
        if (ws.Criteria > 0)
        {
            ws.Values.AsSpan(index * ws.Criteria, ws.Criteria).Fill(new SortValue { Kind = SortValueKind.Missing });
        }

        var reader = new Utf8JsonReader(body[pos..], Options);
        reader.Read();
        ReadObject(ref reader, body, pos, ws, ref hit, index, topLevel: true);
        if (ws.CountSemantic)
        {
            // Each node interleaved its keyword and vector hits by weighted score: the merge compares the same.
            hit.Score *= hit.Semantic ? ws.SemanticRatio : 1 - ws.SemanticRatio;
        }

        hit.PieceEnd = ws.PieceCount;
        cursor.Position = pos + (int)reader.BytesConsumed;
        cursor.Started = true;
        cursor.Head = index;
        return true;
    }

    // Reader on StartObject; leaves it on the matching EndObject. offset turns reader indices into body indices.
    private static void ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, int offset, MergeWorkspace ws, ref HitEntry hit, int index, bool topLevel)
    {
        var open = offset + (int)reader.TokenStartIndex;
        HitPieces.Add(ws, ref hit, open, open + 1);
        var first = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameStart = offset + (int)reader.TokenStartIndex;
            var kind = Classify(ref reader, topLevel);
            reader.Read();
            if (kind == Property.Details && ws.CountSemantic)
            {
                hit.Semantic = HasVectorSort(reader);
            }

            var keep = true;
            switch (kind)
            {
                case Property.Score:
                    hit.Score = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : 0;
                    reader.Skip();
                    keep = ws.KeepScore;
                    break;
                case Property.Details when ws.Criteria > 0:
                    ReadDetails(ref reader, ws, index * ws.Criteria);
                    keep = ws.KeepDetails;
                    break;
                case Property.Details:
                    reader.Skip();
                    keep = ws.KeepDetails;
                    break;
                case Property.Key:
                    ReadKey(ref reader, ws, ref hit);
                    keep = false;
                    break;
                case Property.Reserved:
                    reader.Skip();
                    keep = false;
                    break;
                case Property.Mirror when reader.TokenType == JsonTokenType.StartObject:
                    AddProperty(ws, ref hit, body, nameStart, offset + (int)reader.TokenStartIndex, first);
                    ReadObject(ref reader, body, offset, ws, ref hit, index, topLevel: false);
                    first = false;
                    continue;
                default:
                    reader.Skip();
                    break;
            }

            if (keep)
            {
                AddProperty(ws, ref hit, body, nameStart, offset + (int)reader.BytesConsumed, first);
                first = false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("A hit in a node search response is not a JSON object.");
        }

        var close = offset + (int)reader.TokenStartIndex;
        HitPieces.Add(ws, ref hit, close, close + 1);
    }

    private static void AddProperty(MergeWorkspace ws, ref HitEntry hit, ReadOnlySpan<byte> body, int start, int end, bool first)
    {
        if (first)
        {
            HitPieces.Add(ws, ref hit, start, end);
        }
        else
        {
            HitPieces.AddAfterComma(ws, ref hit, body, start, end);
        }
    }

    private static Property Classify(ref Utf8JsonReader reader, bool topLevel)
    {
        // Document fields rarely start with '_': one byte settles most properties.
        if (!reader.ValueIsEscaped && (reader.ValueSpan.IsEmpty || reader.ValueSpan[0] != '_'))
        {
            return Property.Plain;
        }

        if (IsReserved(ref reader))
        {
            return topLevel && reader.ValueTextEquals(KeyName) ? Property.Key : Property.Reserved;
        }

        if (!topLevel)
        {
            return Property.Plain;
        }

        if (reader.ValueTextEquals("_rankingScore"u8))
        {
            return Property.Score;
        }

        if (reader.ValueTextEquals("_rankingScoreDetails"u8))
        {
            return Property.Details;
        }

        return reader.ValueTextEquals("_formatted"u8) || reader.ValueTextEquals("_matchesPosition"u8) ? Property.Mirror : Property.Plain;
    }

    private static bool IsReserved(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan.StartsWith(ReservedPrefix);
        }

        // Escaped names are rare; unescape before testing the prefix.
        return reader.GetString()!.StartsWith("_miroir_", StringComparison.Ordinal);
    }

    // Document ids are ASCII letters, digits, '-' and '_' (never escaped): their bytes order them.
    private static void ReadKey(ref Utf8JsonReader reader, MergeWorkspace ws, ref HitEntry hit)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
        {
            hit.KeyStart = ws.AddString(reader.ValueSpan);
            hit.KeyLength = reader.ValueSpan.Length;
        }
        else
        {
            reader.Skip();
        }
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> body, int pos)
    {
        while (pos < body.Length && body[pos] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            pos++;
        }

        return pos;
    }

    private enum Property
    {
        Plain,
        Reserved,
        Key,
        Score,
        Details,
        Mirror,
    }
}
