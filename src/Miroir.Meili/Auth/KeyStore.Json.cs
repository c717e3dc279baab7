using System.Globalization;
using System.Text.Json;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Auth;

/// <summary>The key JSON views (GET /keys, GET /keys/{key}) and GET /keys paging.</summary>
public sealed partial class KeyStore
{
    /// <summary>Writes a key as Meilisearch shows it: name, description, key, uid, actions, indexes, dates.</summary>
    public void WriteKey(Utf8JsonWriter writer, ApiKey key)
    {
        writer.WriteStartObject();
        WriteNullable(writer, "name", key.Name);
        WriteNullable(writer, "description", key.Description);
        writer.WriteString("key", KeyValue(key));
        writer.WriteString("uid", key.Uid.ToString("D"));
        WriteStrings(writer, "actions", key.Actions);
        WriteStrings(writer, "indexes", key.Indexes);
        WriteNullable(writer, "expiresAt", key.ExpiresAt is { } e ? FormatDate(e) : null);
        writer.WriteString("createdAt", FormatDate(key.CreatedAt));
        writer.WriteString("updatedAt", FormatDate(key.UpdatedAt));
        writer.WriteEndObject();
    }

    /// <summary>Writes GET /keys: <c>{results, offset, limit, total}</c>, newest key first.</summary>
    public void WriteList(Utf8JsonWriter writer, int offset, int limit)
    {
        var keys = _snapshot.Ordered;
        writer.WriteStartObject();
        writer.WriteStartArray("results");
        for (var i = offset; i < keys.Length && i - offset < limit; i++)
        {
            WriteKey(writer, keys[i]);
        }

        writer.WriteEndArray();
        writer.WriteNumber("offset", offset);
        writer.WriteNumber("limit", limit);
        writer.WriteNumber("total", keys.Length);
        writer.WriteEndObject();
    }

    /// <summary>Parses GET /keys query parameters (<c>offset</c>, <c>limit</c>; defaults 0 and 20).</summary>
    public static (int Offset, int Limit) ParseListQuery(IEnumerable<KeyValuePair<string, string>> query)
    {
        var offset = 0;
        var limit = 20;
        foreach (var (name, value) in query)
        {
            switch (name)
            {
                case "offset":
                    offset = ParseCount(name, value, ErrorCode.InvalidApiKeyOffset);
                    break;
                case "limit":
                    limit = ParseCount(name, value, ErrorCode.InvalidApiKeyLimit);
                    break;
                default:
                    throw Http.QueryParameterSet.Paging.Unknown(name);
            }
        }

        return (offset, limit);
    }

    /// <summary>RFC 3339 in UTC with only the significant fraction digits, like Meilisearch's output.</summary>
    public static string FormatDate(DateTimeOffset date) =>
        date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static int ParseCount(string name, string value, ErrorCode code) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new MeiliException(code, $"Invalid value in parameter `{name}`: could not parse `{value}` as a positive integer");

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
