using System.Buffers;
using System.Text.Json;
using Miroir.Meili.Documents;
using Miroir.Meili.Errors;

namespace Miroir.Proxy.Routing;

/// <summary>Splits a client document batch into per-node sub-batches (spec §3) without building a DOM.</summary>
/// <remarks>
/// Each document's raw bytes are copied as they are, with <c>"_miroir_shard":n</c> (and optionally
/// <c>"_miroir_updated_at":ms</c>) spliced in before its closing brace. The whole batch is validated while
/// routing; on any error every buffer is released and nothing is returned, so no node sees a partial batch.
/// </remarks>
public static partial class DocumentBatchRouter
{
    /// <summary>Routes a batch.</summary>
    /// <param name="body">The request body as received.</param>
    /// <param name="format">Payload format from the Content-Type.</param>
    /// <param name="table">Shard function and shard → write-target node indices.</param>
    /// <param name="options">Primary key and reserved fields of the index.</param>
    /// <param name="updatedAtMs">When set (anti-entropy on), stamped into every document as <c>_miroir_updated_at</c>.</param>
    /// <exception cref="DocumentRoutingException">The batch is invalid; nothing was routed.</exception>
    public static RoutedBatch Route(
        in ReadOnlySequence<byte> body,
        DocumentFormat format,
        WriteRouteTable table,
        DocumentRoutingOptions options,
        long? updatedAtMs = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);

        if (format == DocumentFormat.Csv)
        {
            using var json = CsvAsJsonArray(body, options.CsvDelimiter);
            return RouteContiguous(json.WrittenSpan, DocumentFormat.Json, "csv", table, options, updatedAtMs);
        }

        if (body.IsSingleSegment)
        {
            return RouteContiguous(body.FirstSpan, format, DocumentFormats.Name(format), table, options, updatedAtMs);
        }

        // One copy into a contiguous pooled buffer keeps raw slicing O(1); walking SequencePositions per
        // document would be quadratic in the number of segments of a large body.
        using var flat = new PooledBufferWriter(checked((int)body.Length));
        flat.Write(body);
        return RouteContiguous(flat.WrittenSpan, format, DocumentFormats.Name(format), table, options, updatedAtMs);
    }

    /// <summary>
    /// Reads a CSV body with the node's own reader (<see cref="DocumentPayloadParser"/>), so the orchestrator routes
    /// exactly the documents a node would parse (line ends, quoting, BOM, typed headers), as one JSON array.
    /// </summary>
    private static PooledBufferWriter CsvAsJsonArray(in ReadOnlySequence<byte> body, byte delimiter)
    {
        DocumentPayload payload;
        try
        {
            payload = DocumentPayloadParser.Parse(body, DocumentPayloadFormat.Csv, delimiter);
        }
        catch (MeiliException e)
        {
            throw new DocumentRoutingException(e.Code.Name, e.Message, e.Code.Status);
        }

        var json = new PooledBufferWriter(checked((int)Math.Min(body.Length * 2 + 64, Array.MaxLength)));
        json.Write((byte)'[');
        for (var i = 0; i < payload.Documents.Count; i++)
        {
            if (i > 0)
            {
                json.Write((byte)',');
            }

            json.Write(payload.Documents[i].Span);
        }

        json.Write((byte)']');
        return json;
    }

    private static RoutedBatch RouteContiguous(
        ReadOnlySpan<byte> json,
        DocumentFormat format,
        string formatName,
        WriteRouteTable table,
        DocumentRoutingOptions options,
        long? updatedAtMs)
    {
        if (json.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw DocumentRoutingException.MissingPayload(formatName);
        }

        var state = new RouteState(table, options, updatedAtMs, json.Length);
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions
            {
                AllowMultipleValues = format == DocumentFormat.NdJson,
                MaxDepth = 256,
            });
            try
            {
                ReadPayload(ref reader, json, format, formatName, state);
            }
            catch (JsonException ex)
            {
                throw DocumentRoutingException.MalformedJson(formatName, ex.Message);
            }

            return state.Complete();
        }
        catch
        {
            state.Abandon();
            throw;
        }
    }

    private static void ReadPayload(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, DocumentFormat format, string formatName, RouteState state)
    {
        if (!reader.Read())
        {
            throw DocumentRoutingException.MissingPayload(formatName);
        }

        if (format == DocumentFormat.NdJson)
        {
            do
            {
                RouteOne(ref reader, json, formatName, state);
            }
            while (reader.Read());
            return;
        }

        if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                RouteOne(ref reader, json, formatName, state);
            }
        }
        else
        {
            RouteOne(ref reader, json, formatName, state);
        }

        // Reading past the end makes the reader reject trailing garbage after the payload.
        if (reader.Read())
        {
            throw DocumentRoutingException.MalformedJson(formatName, "trailing characters after the payload");
        }
    }

    private static void RouteOne(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string formatName, RouteState state)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw DocumentRoutingException.NotAnObject(formatName, Describe(reader.TokenType));
        }

        var start = checked((int)reader.TokenStartIndex);
        var document = DocumentScanner.Scan(ref reader, json, state.Options, state.IdBuffer);
        var end = checked((int)reader.TokenStartIndex);
        if (document.IdLength < 0)
        {
            throw DocumentRoutingException.MissingId(state.Options.PrimaryKey, System.Text.Encoding.UTF8.GetString(json[start..(end + 1)]));
        }

        state.Add(json[start..end], document.HasFields, state.IdBuffer.AsSpan(0, document.IdLength));
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartArray => "sequence",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };
}
