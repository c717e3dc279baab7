using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Miroir.Proxy.Transport;

/// <summary>The parts of an HTTP/1.1 response head the transport acts on: status, body framing, keep-alive.</summary>
internal readonly record struct ResponseHead(int Status, long ContentLength, bool Chunked, bool KeepAlive)
{
    /// <summary>A head longer than this is not a node's answer.</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>
    /// Parses a complete head at the start of <paramref name="buffer"/>; false when more bytes are needed. Throws
    /// <see cref="NodeTransportException"/> (Protocol) for a malformed head.
    /// </summary>
    public static bool TryParse(ReadOnlySequence<byte> buffer, out ResponseHead head, out SequencePosition end)
    {
        var reader = new SequenceReader<byte>(buffer);
        head = default;
        end = buffer.Start;
        if (!reader.TryReadTo(out ReadOnlySpan<byte> statusLine, "\r\n"u8))
        {
            ThrowIfTooLong(buffer.Length);
            return false;
        }

        // "HTTP/1.1 200 OK": the version's minor digit, then a three-digit status.
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var used) || used != 3 || status < 100)
        {
            throw NodeTransportException.Protocol("invalid status line");
        }

        var keepAlive = statusLine[7] == (byte)'1';
        long contentLength = -1;
        var chunked = false;
        while (true)
        {
            if (!reader.TryReadTo(out ReadOnlySpan<byte> line, "\r\n"u8))
            {
                ThrowIfTooLong(buffer.Length);
                return false;
            }

            if (line.IsEmpty)
            {
                break;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw NodeTransportException.Protocol("invalid header line");
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ').Trim((byte)'\t');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out long length, out var digits) || digits != value.Length || length < 0)
                {
                    throw NodeTransportException.Protocol("invalid Content-Length");
                }

                contentLength = length;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                // Only chunked is spoken; it must be the last coding (RFC 9112 §6.3).
                chunked = value.Length >= 7 && Ascii.EqualsIgnoreCase(value[^7..], "chunked"u8);
                if (!chunked)
                {
                    throw NodeTransportException.Protocol("unsupported Transfer-Encoding");
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                keepAlive = Contains(value, "keep-alive"u8) || (keepAlive && !Contains(value, "close"u8));
            }
        }

        if (reader.Consumed > MaxLength)
        {
            throw NodeTransportException.Protocol("response head too long");
        }

        head = new ResponseHead(status, chunked ? -1 : contentLength, chunked, keepAlive);
        end = reader.Position;
        return true;
    }

    /// <summary>1xx interim answers carry no body; the final answer follows.</summary>
    public bool IsInterim => Status < 200;

    /// <summary>True when the answer's end is the connection's end (neither a length nor chunked).</summary>
    public bool ReadsToClose => !Chunked && ContentLength < 0;

    public static bool HasNoBody(int status, HttpMethod method) => status is 204 or 304 || status < 200 || method == HttpMethod.Head;

    private static bool Contains(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        foreach (var range in value.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(value[range].Trim((byte)' '), token))
            {
                return true;
            }
        }

        return false;
    }

    private static void ThrowIfTooLong(long buffered)
    {
        if (buffered > MaxLength)
        {
            throw NodeTransportException.Protocol("response head too long");
        }
    }
}
