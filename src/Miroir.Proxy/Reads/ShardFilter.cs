using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Miroir.Proxy.Reads;

/// <summary>Builds the <c>_miroir_shard IN [..]</c> restriction and ANDs it with a client filter in string or array form.</summary>
internal static class ShardFilter
{
    /// <summary>The reserved field every document carries (spec §8).</summary>
    public const string Field = "_miroir_shard";

    public static string Restriction(ReadOnlySpan<int> shards)
    {
        var text = new StringBuilder(Field.Length + 8 + (shards.Length * 4));
        text.Append(Field).Append(" IN [");
        for (var i = 0; i < shards.Length; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(shards[i].ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }

    /// <summary>String form: the client's expression is parenthesised so its ORs cannot escape the AND.</summary>
    public static string Combine(string restriction, string? clientFilter) =>
        string.IsNullOrWhiteSpace(clientFilter) ? restriction : $"{restriction} AND ({clientFilter})";

    /// <summary>
    /// Writes the <c>filter</c> value for one node. <paramref name="clientFilter"/> is the raw JSON of the client's
    /// filter (empty when absent). Array form gets the restriction prepended as one more ANDed element; a value of
    /// any other type is copied unchanged so the node rejects it with Meilisearch's own error.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> clientFilter, string? restriction)
    {
        if (restriction is null)
        {
            writer.WriteRawValue(clientFilter, skipInputValidation: true);
            return;
        }

        if (clientFilter.IsEmpty)
        {
            writer.WriteStringValue(restriction);
            return;
        }

        var reader = new Utf8JsonReader(clientFilter);
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                writer.WriteStringValue(restriction);
                break;
            case JsonTokenType.String:
                writer.WriteStringValue(Combine(restriction, reader.GetString()));
                break;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                writer.WriteStringValue(restriction);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    writer.WriteRawValue(clientFilter[start..(int)reader.BytesConsumed], skipInputValidation: true);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteRawValue(clientFilter, skipInputValidation: true);
                break;
        }
    }
}
