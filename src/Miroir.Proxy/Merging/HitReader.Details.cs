using System.Text.Json;

namespace Miroir.Proxy.Merging;

/// <summary>Ranking values from <c>_rankingScoreDetails</c>, each stored at its rule's <c>order</c> (see <see cref="RankingCriteria"/>).</summary>
internal static partial class HitReader
{
    /// <summary>Whether the details object (the reader, a copy, is on its start) has a <c>vectorSort</c> rule.</summary>
    private static bool HasVectorSort(Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("vectorSort"u8))
            {
                return true;
            }

            reader.Read();
            reader.Skip();
        }

        return false;
    }

    private static void ReadDetails(ref Utf8JsonReader reader, MergeWorkspace ws, int valueBase)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        Span<byte> keyBuffer = stackalloc byte[256];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.ValueIsEscaped
                ? keyBuffer[..(reader.ValueSpan.Length <= keyBuffer.Length ? reader.CopyString(keyBuffer) : 0)]
                : reader.ValueSpan;
            var (field, descending) = RankingCriteria.Classify(key);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            // `order` may come before or after the value (serde may sort keys), so read the entry first.
            var order = -1;
            var value = new SortValue { Kind = SortValueKind.Missing, Descending = descending };
            if (field == RankingCriteria.Field.Skipped)
            {
                // A skipped rule ranks the hit last among its bucket: Meilisearch counts it as rank 0.
                value.Kind = SortValueKind.Number;
            }

            var wanted = RankingCriteria.NameOf(field);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("order"u8))
                {
                    reader.Read();
                    order = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var o) ? o : -1;
                }
                else if (!wanted.IsEmpty && reader.ValueTextEquals(wanted))
                {
                    reader.Read();
                    ReadSortValue(ref reader, ws, ref value);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if ((uint)order < (uint)ws.Criteria)
            {
                ws.Values[valueBase + order] = value;
                ws.CriteriaUsed = Math.Max(ws.CriteriaUsed, order + 1);
            }
        }
    }

    private static void ReadSortValue(ref Utf8JsonReader reader, MergeWorkspace ws, ref SortValue value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                value.Kind = SortValueKind.Number;
                value.Number = reader.GetDouble();
                break;
            case JsonTokenType.String:
                value.Kind = SortValueKind.String;
                if (!reader.ValueIsEscaped)
                {
                    value.StringStart = ws.AddString(reader.ValueSpan);
                    value.StringLength = reader.ValueSpan.Length;
                }
                else
                {
                    // Escaped sort strings are rare; unescaping through a string keeps this simple.
                    var bytes = System.Text.Encoding.UTF8.GetBytes(reader.GetString()!);
                    value.StringStart = ws.AddString(bytes);
                    value.StringLength = bytes.Length;
                }

                break;
            default:
                value.Kind = SortValueKind.Missing;
                reader.Skip();
                break;
        }
    }
}
