using System.Globalization;
using System.Text;
using System.Text.Json;
using Miroir.Proxy.Http;
using Miroir.Meili.Filters;

namespace Miroir.Proxy.Reads;

/// <summary>Builds the <c>_miroir_shard IN [..]</c> restriction and ANDs it with a client filter in array form.</summary>
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

    /// <summary>
    /// The GET <c>filter</c> parameter for one node: the client's parameter read as Meilisearch reads it (JSON when it
    /// parses, else the expression itself), restricted as <see cref="Write"/> does, and sent as JSON, which nodes
    /// read back as that value.
    /// </summary>
    public static string CombineQuery(string restriction, string clientFilter)
    {
        var client = clientFilter.Length == 0 ? null : FilterQueryParameter.Read(clientFilter);
        return Encoding.UTF8.GetString(JsonBytes.Write((restriction, client), static (w, s) =>
            Write(w, s.client is { } c ? Encoding.UTF8.GetBytes(c.GetRawText()) : default, s.restriction)));
    }

    /// <summary>
    /// Writes the <c>filter</c> value for one node. <paramref name="clientFilter"/> is the raw JSON of the client's
    /// filter (empty when absent). A string becomes <c>[restriction, client]</c>; an array gets the restriction
    /// prepended as one more ANDed element; a value of
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
            case JsonTokenType.String when string.IsNullOrWhiteSpace(reader.GetString()):
                writer.WriteStringValue(restriction);
                break;
            case JsonTokenType.String:
                // Array form, never "restriction AND (client)": each item is parsed on its own, so an unbalanced
                // parenthesis in the client's text cannot escape the restriction.
                writer.WriteStartArray();
                writer.WriteStringValue(restriction);
                writer.WriteRawValue(clientFilter[(int)reader.TokenStartIndex..(int)reader.BytesConsumed], skipInputValidation: true);
                writer.WriteEndArray();
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
