using System.Text;
using System.Text.Json;

namespace Miroir.Proxy.Reads;

/// <summary>One hit of one federated query: where its raw bytes are, its rank and its weighted score.</summary>
/// <param name="Key">The raw JSON of the hit's primary key (null when the hit does not show it): one document found
/// by several queries of its index is listed once, as Meilisearch does.</param>
internal readonly record struct FederatedHit(ReadOnlyMemory<byte> Raw, int Query, int Rank, double Score, double Weighted, string? Key)
{
    /// <summary>Adds the hits of one merged search response; returns its total (estimated or exact).</summary>
    public static long Collect(ReadOnlyMemory<byte> body, int query, double weight, string? primaryKey, List<FederatedHit> hits)
    {
        var span = body.Span;
        var reader = new Utf8JsonReader(span, new JsonReaderOptions { MaxDepth = 256 });
        reader.Read();
        long total = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isHits = reader.ValueTextEquals("hits"u8);
            var isTotal = reader.ValueTextEquals("estimatedTotalHits"u8) || reader.ValueTextEquals("totalHits"u8);
            reader.Read();
            if (isTotal && reader.TokenType == JsonTokenType.Number)
            {
                total = reader.GetInt64();
            }
            else if (isHits && reader.TokenType == JsonTokenType.StartArray)
            {
                var rank = 0;
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = (int)reader.TokenStartIndex;
                    var (score, key) = ScoreOf(ref reader, span, primaryKey);
                    var raw = body[start..(int)reader.BytesConsumed];
                    hits.Add(new FederatedHit(raw, query, rank++, score, score * weight, key));
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return total;
    }

    /// <summary>Copies the hit, dropping <c>_rankingScore</c> unless asked, and appends <c>_federation</c>.</summary>
    public void Write(Utf8JsonWriter writer, string indexUid, bool keepScore)
    {
        var span = Raw.Span;
        var reader = new Utf8JsonReader(span, new JsonReaderOptions { MaxDepth = 256 });
        reader.Read();
        writer.WriteStartObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var drop = !keepScore && reader.ValueTextEquals("_rankingScore"u8);
            var name = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (!drop)
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(span[start..(int)reader.BytesConsumed], skipInputValidation: true);
            }
        }

        writer.WriteStartObject("_federation"u8);
        writer.WriteString("indexUid"u8, indexUid);
        writer.WriteNumber("queriesPosition"u8, Query);
        writer.WriteNumber("weightedRankingScore"u8, Weighted);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // Reader on the hit's StartObject; leaves it on the matching EndObject.
    private static (double Score, string? Key) ScoreOf(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, string? primaryKey)
    {
        var score = 0.0;
        string? key = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isScore = reader.ValueTextEquals("_rankingScore"u8);
            var isKey = primaryKey is not null && reader.ValueTextEquals(primaryKey);
            reader.Read();
            if (isScore && reader.TokenType == JsonTokenType.Number)
            {
                score = reader.GetDouble();
            }
            else
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (isKey)
                {
                    key = Encoding.UTF8.GetString(body[start..(int)reader.BytesConsumed]);
                }
            }
        }

        return (score, key);
    }
}
