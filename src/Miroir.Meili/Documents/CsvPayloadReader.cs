using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Miroir.Meili.Documents;

/// <summary>
/// Reads a <c>text/csv</c> body into JSON objects: the header row names the fields, optionally
/// typed (<c>price:number</c>, <c>flag:boolean</c>, default string); empty cells become null.
/// </summary>
internal static class CsvPayloadReader
{
    private enum CellType
    {
        String,
        Number,
        Boolean,
    }

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep non-ASCII text as UTF-8 rather than \u escapes; the bytes are stored, not served as HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static DocumentPayload Read(ReadOnlySpan<byte> body, byte delimiter)
    {
        var records = new CsvRecordReader(body, delimiter);
        if (!records.Read())
        {
            return DocumentPayload.Empty;
        }

        EnsureUtf8(ref records, 0);
        var headerCount = records.FieldCount;
        var names = new JsonEncodedText[headerCount];
        var types = new CellType[headerCount];
        for (var i = 0; i < headerCount; i++)
        {
            (names[i], types[i]) = ParseHeader(Encoding.UTF8.GetString(records.Field(i)));
        }

        var output = new ArrayBufferWriter<byte>(Math.Max(256, body.Length + (body.Length / 2)));
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        var ends = new List<int>();
        var recordIndex = 0;
        while (records.Read())
        {
            recordIndex++;
            if (records.FieldCount != headerCount)
            {
                throw DocumentPayloadParser.Malformed(
                    DocumentPayloadFormat.Csv,
                    $"CSV error: record {recordIndex} (line: {records.RecordLine}, byte: {records.RecordStart}): found record with {records.FieldCount} fields, but the previous record has {headerCount} fields");
            }

            EnsureUtf8(ref records, recordIndex);
            writer.WriteStartObject();
            for (var i = 0; i < headerCount; i++)
            {
                writer.WritePropertyName(names[i]);
                WriteCell(writer, types[i], records.Field(i), recordIndex);
            }

            writer.WriteEndObject();
            writer.Flush();
            writer.Reset();
            ends.Add(output.WrittenCount);
        }

        var buffer = output.WrittenMemory;
        var documents = new ReadOnlyMemory<byte>[ends.Count];
        var start = 0;
        for (var i = 0; i < ends.Count; i++)
        {
            documents[i] = buffer[start..ends[i]];
            start = ends[i];
        }

        return new DocumentPayload(documents);
    }

    /// <summary>Invalid UTF-8 in a field is a malformed payload, worded as the Rust <c>csv</c> crate's string records do.</summary>
    private static void EnsureUtf8(ref CsvRecordReader records, int recordIndex)
    {
        for (var i = 0; i < records.FieldCount; i++)
        {
            var at = Utf8Check.FirstInvalid(records.Field(i));
            if (at >= 0)
            {
                throw DocumentPayloadParser.Malformed(
                    DocumentPayloadFormat.Csv,
                    $"CSV parse error: record {recordIndex} (line {records.RecordLine}, field: {i}, byte: {records.RecordStart}): invalid utf-8: invalid UTF-8 in field {i} near byte index {at}");
            }
        }
    }

    /// <summary>Splits on the last colon; an unknown type keeps the whole header as a string field.</summary>
    private static (JsonEncodedText Name, CellType Type) ParseHeader(string header)
    {
        var colon = header.LastIndexOf(':');
        if (colon >= 0)
        {
            var type = header[(colon + 1)..] switch
            {
                "string" => CellType.String,
                "number" => CellType.Number,
                "boolean" => CellType.Boolean,
                _ => (CellType?)null,
            };
            if (type is { } known)
            {
                return (JsonEncodedText.Encode(header[..colon], WriterOptions.Encoder), known);
            }
        }

        return (JsonEncodedText.Encode(header, WriterOptions.Encoder), CellType.String);
    }

    private static void WriteCell(Utf8JsonWriter writer, CellType type, ReadOnlySpan<byte> raw, int line)
    {
        if (type == CellType.String)
        {
            if (raw.IsEmpty)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(raw);
            }

            return;
        }

        var trimmed = raw.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            writer.WriteNullValue();
            return;
        }

        if (type == CellType.Number)
        {
            if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                writer.WriteNumberValue(integer);
            }
            else if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                writer.WriteNumberValue(number);
            }
            else
            {
                throw DocumentPayloadParser.Malformed(
                    DocumentPayloadFormat.Csv,
                    $"Error parsing number {Quote(raw)} at line {line}: invalid float literal");
            }

            return;
        }

        if (trimmed.SequenceEqual("true"u8))
        {
            writer.WriteBooleanValue(true);
        }
        else if (trimmed.SequenceEqual("false"u8))
        {
            writer.WriteBooleanValue(false);
        }
        else
        {
            throw DocumentPayloadParser.Malformed(
                DocumentPayloadFormat.Csv,
                $"Error parsing boolean {Quote(raw)} at line {line}: provided string was not `true` or `false`");
        }
    }

    /// <summary>Rust's Debug form of a string: double-quoted with quotes and backslashes escaped.</summary>
    private static string Quote(ReadOnlySpan<byte> raw) =>
        "\"" + Encoding.UTF8.GetString(raw).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
