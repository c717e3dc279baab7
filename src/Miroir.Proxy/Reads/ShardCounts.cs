using System.Globalization;
using System.Text.Json;

namespace Miroir.Proxy.Reads;

/// <summary>Reads the <c>_miroir_shard</c> facet of a node's search answer: documents per shard.</summary>
internal static class ShardCounts
{
    /// <summary>Adds each shard's count to <paramref name="perShard"/> (shards out of range are ignored).</summary>
    public static void Read(ReadOnlySpan<byte> body, Span<long> perShard)
    {
        var reader = new Utf8JsonReader(body);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFacets = reader.ValueTextEquals("facetDistribution"u8);
            reader.Read();
            if (!isFacets || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isShard = reader.ValueTextEquals(ShardFilter.Field);
                reader.Read();
                if (!isShard || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var parsed = int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var shard);
                    reader.Read();
                    if (parsed && (uint)shard < (uint)perShard.Length && reader.TokenType == JsonTokenType.Number)
                    {
                        perShard[shard] += reader.GetInt64();
                    }
                }
            }
        }
    }
}
