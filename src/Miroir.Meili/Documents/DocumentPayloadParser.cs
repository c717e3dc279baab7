using System.Buffers;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Documents;

/// <summary>Splits a document-route request body into one JSON object per document.</summary>
public static class DocumentPayloadParser
{
    /// <summary>Parses a body that may span several segments (copied once when it does).</summary>
    public static DocumentPayload Parse(ReadOnlySequence<byte> body, DocumentPayloadFormat format, byte csvDelimiter = (byte)',')
    {
        var memory = body.IsSingleSegment ? body.First : body.ToArray();
        return Parse(memory, format, csvDelimiter);
    }

    public static DocumentPayload Parse(byte[] body, DocumentPayloadFormat format, byte csvDelimiter = (byte)',') =>
        Parse(body.AsMemory(), format, csvDelimiter);

    /// <summary>
    /// Parses <paramref name="body"/>; the returned documents of JSON and NDJSON bodies are
    /// slices of it, so the caller keeps the buffer alive as long as it uses them.
    /// </summary>
    public static DocumentPayload Parse(ReadOnlyMemory<byte> body, DocumentPayloadFormat format, byte csvDelimiter = (byte)',')
    {
        if (body.IsEmpty)
        {
            throw new MeiliException(ErrorCode.MissingPayload, $"A {Name(format)} payload is missing.");
        }

        Utf8Check.EnsureJsonDocuments(body.Span, format);
        return format switch
        {
            DocumentPayloadFormat.Json => JsonPayloadReader.Read(body),
            DocumentPayloadFormat.Ndjson => NdjsonPayloadReader.Read(body),
            _ => CsvPayloadReader.Read(body.Span, csvDelimiter),
        };
    }

    /// <summary>The payload name Meilisearch uses in its messages.</summary>
    public static string Name(DocumentPayloadFormat format) => format switch
    {
        DocumentPayloadFormat.Json => "json",
        DocumentPayloadFormat.Ndjson => "ndjson",
        _ => "csv",
    };

    internal static MeiliException Malformed(DocumentPayloadFormat format, string detail) =>
        format == DocumentPayloadFormat.Csv
            ? new(ErrorCode.MalformedPayload, $"The `csv` payload provided is malformed: `{detail}`.")
            : new(ErrorCode.MalformedPayload,
                $"The `{Name(format)}` payload provided is malformed. `Couldn't serialize document value: {detail}`.");

    internal const string NotObjects = "data are neither an object nor a list of objects";
}
