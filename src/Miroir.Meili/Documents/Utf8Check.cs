using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Documents;

/// <summary>
/// Rejects invalid UTF-8 in a request body before anything is parsed or enqueued. System.Text.Json checks UTF-8
/// only when a string is decoded, which happens later (deep in a handler, or after a 202 in the task) and surfaces
/// as an <see cref="InvalidOperationException"/>; serde_json, like Meilisearch, refuses it as a syntax error.
/// </summary>
public static class Utf8Check
{
    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence, or -1.</summary>
    public static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        // The vectorised check costs a fraction of the parse; the slow walk runs only on a bad body.
        if (Utf8.IsValid(bytes))
        {
            return -1;
        }

        var offset = 0;
        while (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    /// <summary><c>malformed_payload</c> for a JSON request body (search, settings, keys…) with invalid UTF-8.</summary>
    public static void EnsureJsonBody(ReadOnlySpan<byte> body)
    {
        var at = FirstInvalid(body);
        if (at >= 0)
        {
            throw new MeiliException(ErrorCode.MalformedPayload, $"The json payload provided is malformed. `{Describe(body, at)}`.");
        }
    }

    /// <summary>
    /// <c>malformed_payload</c> for a document payload with invalid UTF-8, worded exactly as the node's reader words
    /// it; for the orchestrator, which must refuse such a batch before it routes any of it to a node.
    /// </summary>
    public static void EnsureDocuments(ReadOnlyMemory<byte> body, DocumentPayloadFormat format, byte csvDelimiter)
    {
        if (Utf8.IsValid(body.Span))
        {
            return;
        }

        // A bad body only: the node's own reader finds the place and words the error.
        DocumentPayloadParser.Parse(body, format, csvDelimiter);
        throw DocumentPayloadParser.Malformed(format, "invalid unicode code point");
    }

    /// <summary>Invalid UTF-8 in a JSON or NDJSON payload (a CSV payload is checked field by field as it is read).</summary>
    internal static void EnsureJsonDocuments(ReadOnlySpan<byte> body, DocumentPayloadFormat format)
    {
        var at = format == DocumentPayloadFormat.Csv ? -1 : FirstInvalid(body);
        if (at >= 0)
        {
            throw DocumentPayloadParser.Malformed(format, Describe(body, at));
        }
    }

    /// <summary>serde_json's words for it.</summary>
    private static string Describe(ReadOnlySpan<byte> body, int offset) => "invalid unicode code point " + JsonErrorText.Position(body, offset);
}
