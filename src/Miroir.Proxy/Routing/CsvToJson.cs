using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Miroir.Proxy.Routing;

/// <summary>Converts a Meilisearch CSV payload (typed header <c>name:string|number|boolean</c>) to a JSON array of objects.</summary>
/// <remarks>
/// Like Meilisearch: an untyped column is a string, an empty cell is <c>null</c>, a number cell must parse as a
/// number and a boolean cell as true/false. Quoted cells follow RFC 4180 (<c>""</c> inside quotes is one quote).
/// </remarks>
internal static partial class CsvToJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep non-ASCII text as UTF-8 instead of \uXXXX escapes: the nodes store the same string either way.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static void Convert(in ReadOnlySequence<byte> body, byte delimiter, PooledBufferWriter output)
    {
        if (body.IsSingleSegment)
        {
            Convert(body.FirstSpan, delimiter, output);
            return;
        }

        using var flat = new PooledBufferWriter(checked((int)body.Length));
        flat.Write(body);
        Convert(flat.WrittenSpan, delimiter, output);
    }

    private static void Convert(ReadOnlySpan<byte> csv, byte delimiter, PooledBufferWriter output)
    {
        if (csv.StartsWith("\uFEFF"u8))
        {
            csv = csv[3..];
        }

        using var cell = new PooledBufferWriter(256);
        var lexer = new CsvLexer(csv, delimiter);
        var columns = ReadHeader(ref lexer, cell);
        if (columns.Count == 0)
        {
            throw DocumentRoutingException.MissingPayload("csv");
        }

        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartArray();
        var line = 1;
        while (lexer.HasMore)
        {
            line++;
            if (lexer.SkipBlankLine())
            {
                continue;
            }

            writer.WriteStartObject();
            var index = 0;
            bool endOfRow;
            do
            {
                cell.Clear();
                endOfRow = lexer.ReadCell(cell);
                if (index >= columns.Count)
                {
                    throw Malformed($"CSV error: record {line - 1} has more fields than the header ({columns.Count})");
                }

                WriteCell(writer, columns[index], cell.WrittenSpan, line);
                index++;
            }
            while (!endOfRow);

            if (index != columns.Count)
            {
                throw Malformed($"CSV error: record {line - 1} has {index} fields, but the header has {columns.Count}");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static List<CsvColumn> ReadHeader(ref CsvLexer lexer, PooledBufferWriter cell)
    {
        var columns = new List<CsvColumn>();
        while (lexer.HasMore && lexer.SkipBlankLine())
        {
        }

        if (!lexer.HasMore)
        {
            return columns;
        }

        bool endOfRow;
        do
        {
            cell.Clear();
            endOfRow = lexer.ReadCell(cell);
            columns.Add(CsvColumn.Parse(cell.WrittenSpan));
        }
        while (!endOfRow);

        return columns;
    }

    private static void WriteCell(Utf8JsonWriter writer, CsvColumn column, ReadOnlySpan<byte> value, int line)
    {
        writer.WritePropertyName(column.Name);
        switch (column.Type)
        {
            case CsvColumnType.Number:
                var number = value.Trim((byte)' ');
                if (number.IsEmpty)
                {
                    writer.WriteNullValue();
                }
                else if (Utf8Parser.TryParse(number, out long integer, out var used) && used == number.Length)
                {
                    writer.WriteNumberValue(integer);
                }
                else if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
                {
                    writer.WriteNumberValue(real);
                }
                else
                {
                    throw Malformed($"CSV error: the value in line {line} of column `{column.Name}` is not a number");
                }

                break;
            case CsvColumnType.Boolean:
                var flag = value.Trim((byte)' ');
                if (flag.IsEmpty)
                {
                    writer.WriteNullValue();
                }
                else if (flag.SequenceEqual("true"u8) || flag.SequenceEqual("false"u8))
                {
                    writer.WriteBooleanValue(flag[0] == 't');
                }
                else
                {
                    throw Malformed($"CSV error: the value in line {line} of column `{column.Name}` is not a boolean");
                }

                break;
            default:
                if (value.IsEmpty)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    try
                    {
                        writer.WriteStringValue(value);
                    }
                    catch (ArgumentException)
                    {
                        throw Malformed($"CSV error: line {line} is not valid UTF-8");
                    }
                }

                break;
        }
    }

    private static DocumentRoutingException Malformed(string detail) => DocumentRoutingException.MalformedJson("csv", detail);
}
