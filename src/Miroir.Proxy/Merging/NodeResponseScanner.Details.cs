using System.Text.Json;

namespace Miroir.Proxy.Merging;

/// <summary>Sort values from <c>_rankingScoreDetails</c>: <c>{"price:asc":{"value":3}, "_geoPoint(1, 2):asc":{"distance":9.5}}</c>.</summary>
internal static partial class NodeResponseScanner
{
    private static void ScanDetails(ref Utf8JsonReader reader, MergeWorkspace ws, int valueBase)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        Span<byte> keyBuffer = stackalloc byte[256];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var rule = -1;
            if (!reader.ValueIsEscaped)
            {
                rule = SortRule.Match(ws.Rules, reader.ValueSpan);
            }
            else if (reader.ValueSpan.Length <= keyBuffer.Length)
            {
                rule = SortRule.Match(ws.Rules, keyBuffer[..reader.CopyString(keyBuffer)]);
            }

            reader.Read();
            if (rule < 0 || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var wanted = ws.Rules[rule].IsGeo ? "distance"u8 : "value"u8;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isWanted = reader.ValueTextEquals(wanted);
                reader.Read();
                if (isWanted)
                {
                    ReadSortValue(ref reader, ws, valueBase + rule);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    private static void ReadSortValue(ref Utf8JsonReader reader, MergeWorkspace ws, int slot)
    {
        ref var value = ref ws.Values[slot];
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
                    var text = reader.GetString()!;
                    var bytes = System.Text.Encoding.UTF8.GetBytes(text);
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
