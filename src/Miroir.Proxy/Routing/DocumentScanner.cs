using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Miroir.Proxy.Routing;

/// <summary>Walks the top-level fields of one document: finds and canonicalises its id, refuses reserved fields.</summary>
internal static class DocumentScanner
{
    /// <summary>Longest valid string id in bytes (Meilisearch: under 512).</summary>
    public const int MaxIdBytes = 511;

    /// <summary>What a scan learned about one document.</summary>
    public readonly record struct Result(bool HasFields, int IdLength);

    /// <summary>Scans from the document's StartObject to its EndObject (where the reader is left).</summary>
    /// <param name="idBuffer">Receives the canonical id; at least <see cref="MaxIdBytes"/> + 1 bytes.</param>
    /// <returns>IdLength is -1 when the document has no primary key field.</returns>
    public static Result Scan(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, DocumentRoutingOptions options, Span<byte> idBuffer)
    {
        var hasFields = false;
        var idLength = -1;
        var reserved = options.ReservedFieldsUtf8;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            hasFields = true;
            if (idLength < 0 && reader.ValueTextEquals(options.PrimaryKeyUtf8))
            {
                reader.Read();
                idLength = ReadId(ref reader, json, idBuffer);
                continue;
            }

            for (var i = 0; i < reserved.Length; i++)
            {
                if (reader.ValueTextEquals(reserved[i]))
                {
                    throw DocumentRoutingException.ReservedField(options.ReservedFields[i]);
                }
            }

            reader.Read();
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        return new Result(hasFields, idLength);
    }

    private static int ReadId(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Span<byte> idBuffer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return CanonicalInteger(ref reader, idBuffer);
            case JsonTokenType.String:
                return StringId(ref reader, idBuffer);
            default:
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                throw DocumentRoutingException.InvalidId(Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]));
        }
    }

    // Meilisearch accepts any JSON integer (i64 or u64) and uses its decimal form; a float is refused.
    private static int CanonicalInteger(ref Utf8JsonReader reader, Span<byte> idBuffer)
    {
        var raw = reader.ValueSpan;
        if (raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            if (reader.TryGetInt64(out var signed) && Utf8Formatter.TryFormat(signed, idBuffer, out var written))
            {
                return written;
            }

            if (reader.TryGetUInt64(out var unsigned) && Utf8Formatter.TryFormat(unsigned, idBuffer, out written))
            {
                return written;
            }
        }

        throw DocumentRoutingException.InvalidId(Encoding.UTF8.GetString(raw));
    }

    private static int StringId(ref Utf8JsonReader reader, Span<byte> idBuffer)
    {
        int length;
        if (!reader.ValueIsEscaped)
        {
            var raw = reader.ValueSpan;
            if (raw.Length > MaxIdBytes)
            {
                throw InvalidStringId(ref reader);
            }

            raw.CopyTo(idBuffer);
            length = raw.Length;
        }
        else
        {
            // Escaped ids are rare: unescape through a rented buffer sized for the raw form.
            var rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
            try
            {
                length = reader.CopyString(rented);
                if (length > MaxIdBytes)
                {
                    throw InvalidStringId(ref reader);
                }

                rented.AsSpan(0, length).CopyTo(idBuffer);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        if (length == 0 || !IsIdText(idBuffer[..length]))
        {
            throw InvalidStringId(ref reader);
        }

        return length;
    }

    private static bool IsIdText(ReadOnlySpan<byte> id)
    {
        foreach (var b in id)
        {
            var ok = (uint)(b - 'a') <= 'z' - 'a' || (uint)(b - 'A') <= 'Z' - 'A' || (uint)(b - '0') <= 9 || b == '-' || b == '_';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    // The raw (still escaped) text, decoded leniently: an id with invalid UTF-8 must still get a 400, not a crash.
    private static DocumentRoutingException InvalidStringId(ref Utf8JsonReader reader) =>
        DocumentRoutingException.InvalidId("\"" + Encoding.UTF8.GetString(reader.ValueSpan) + "\"");
}
