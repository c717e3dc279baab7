using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Miroir.Proxy.Reads;

/// <summary>
/// A document listing (<c>GET /documents</c> or <c>POST /documents/fetch</c>) as a fetch body: offset and limit
/// are the client's, the rest (fields, filter, ids, retrieveVectors) is copied into every node's fetch.
/// </summary>
internal sealed class DocumentListQuery
{
    private static readonly HashSet<string> Replaced = new(StringComparer.Ordinal) { "offset", "limit", "filter" };

    private DocumentListQuery(ClientBody body, int offset, int limit, bool understood)
    {
        Body = body;
        Offset = offset;
        Limit = limit;
        Understood = understood;
    }

    public ClientBody Body { get; }

    public int Offset { get; }

    public int Limit { get; }

    /// <summary>
    /// False when offset/limit are not non-negative integers or <c>retrieveVectors</c> is not a boolean: the node is
    /// asked unchanged and answers the error.
    /// </summary>
    public bool Understood { get; }

    public static DocumentListQuery FromBody(ClientBody body)
    {
        var ok = TryInt(body.Get("offset"), 0, out var offset) & TryInt(body.Get("limit"), 20, out var limit);
        return new DocumentListQuery(body, offset, limit, ok);
    }

    /// <summary>The query-string form, turned into the equivalent fetch body (lists are comma separated).</summary>
    public static DocumentListQuery FromQueryString(IQueryCollection query)
    {
        var ok = TryParam(query, "offset", 0, out var offset) & TryParam(query, "limit", 20, out var limit)
            & TryRetrieveVectors(query, out var retrieveVectors);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteList(writer, query, "fields");
            WriteList(writer, query, "ids");
            if (query.TryGetValue("filter", out var filter))
            {
                writer.WriteString("filter"u8, filter.ToString());
            }

            if (retrieveVectors is { } retrieve)
            {
                writer.WriteBoolean("retrieveVectors"u8, retrieve);
            }

            writer.WriteEndObject();
        }

        return new DocumentListQuery(ClientBody.TryParse(buffer.WrittenMemory)!, offset, limit, ok);
    }

    /// <summary>A node's fetch body: this window and the client's filter restricted to the node's shards.</summary>
    public byte[] NodeBody(string? restriction, int offset, int limit)
    {
        var buffer = new ArrayBufferWriter<byte>(Body.Raw.Length + 96);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            Body.WriteProperties(writer, static name => Replaced.Contains(name));
            writer.WriteNumber("offset"u8, offset);
            writer.WriteNumber("limit"u8, limit);
            var filter = Body.Get("filter");
            if (restriction is not null || !filter.IsEmpty)
            {
                writer.WritePropertyName("filter"u8);
                ShardFilter.Write(writer, filter, restriction);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A node's search that counts, per shard it answers for, the documents the client's filter keeps.</summary>
    public byte[] ShardCountBody(string? restriction)
    {
        var buffer = new ArrayBufferWriter<byte>(Body.Raw.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("q"u8, "");
            writer.WriteNumber("limit"u8, 0);
            writer.WriteStartArray("facets"u8);
            writer.WriteStringValue(ShardFilter.Field);
            writer.WriteEndArray();
            var filter = Body.Get("filter");
            if (restriction is not null || !filter.IsEmpty)
            {
                writer.WritePropertyName("filter"u8);
                ShardFilter.Write(writer, filter, restriction);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteList(Utf8JsonWriter writer, IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var value))
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var item in value.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    private static bool TryInt(ReadOnlySpan<byte> raw, int fallback, out int value)
    {
        value = fallback;
        return JsonValues.IsNullOrAbsent(raw) || JsonValues.TryGetNonNegativeInt(raw, out value);
    }

    /// <summary>Only the exact words <c>true</c> and <c>false</c>, as the node parses them; anything else is the node's error to answer.</summary>
    private static bool TryRetrieveVectors(IQueryCollection query, out bool? value)
    {
        value = null;
        if (!query.TryGetValue("retrieveVectors", out var text))
        {
            return true;
        }

        value = text.ToString() switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        };
        return value is not null;
    }

    private static bool TryParam(IQueryCollection query, string name, int fallback, out int value)
    {
        value = fallback;
        return !query.TryGetValue(name, out var text)
            || (int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 0);
    }
}
