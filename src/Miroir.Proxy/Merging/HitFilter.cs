using System.Text.Json;
using Miroir.Proxy.Routing;

namespace Miroir.Proxy.Merging;

/// <summary>Copies one raw hit without the fields clients must not see: <c>_miroir_*</c> everywhere, scores unless asked.</summary>
/// <remarks>
/// Kept properties are copied byte for byte (name, colon, value) so their formatting and escapes are untouched;
/// <c>_formatted</c> and <c>_matchesPosition</c> are filtered one level down because they mirror document fields.
/// </remarks>
internal static class HitFilter
{
    private static ReadOnlySpan<byte> ReservedPrefix => "_miroir_"u8;

    public static void Write(ReadOnlySpan<byte> hit, bool keepScore, bool keepDetails, PooledBufferWriter output)
    {
        var reader = new Utf8JsonReader(hit, new JsonReaderOptions { MaxDepth = 256 });
        reader.Read();
        CopyObject(ref reader, hit, output, topLevel: true, keepScore, keepDetails);
    }

    // Reader is on StartObject; leaves it on the matching EndObject.
    private static void CopyObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> hit, PooledBufferWriter output, bool topLevel, bool keepScore, bool keepDetails)
    {
        output.Write((byte)'{');
        var first = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameStart = (int)reader.TokenStartIndex;
            var drop = IsReserved(ref reader)
                || (topLevel && !keepScore && reader.ValueTextEquals("_rankingScore"u8))
                || (topLevel && !keepDetails && reader.ValueTextEquals("_rankingScoreDetails"u8));
            var nested = topLevel && !drop && (reader.ValueTextEquals("_formatted"u8) || reader.ValueTextEquals("_matchesPosition"u8));
            reader.Read();
            if (drop)
            {
                reader.Skip();
                continue;
            }

            if (!first)
            {
                output.Write((byte)',');
            }

            first = false;
            if (nested && reader.TokenType == JsonTokenType.StartObject)
            {
                output.Write(hit[nameStart..(int)reader.TokenStartIndex]);
                CopyObject(ref reader, hit, output, topLevel: false, keepScore, keepDetails);
                continue;
            }

            reader.Skip();
            output.Write(hit[nameStart..(int)reader.BytesConsumed]);
        }

        output.Write((byte)'}');
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
}
