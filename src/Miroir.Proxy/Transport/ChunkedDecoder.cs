using System.Buffers;
using System.Buffers.Text;

namespace Miroir.Proxy.Transport;

/// <summary>
/// Decodes a <c>Transfer-Encoding: chunked</c> body (RFC 9112 §7.1) as it arrives: chunk data goes to the body,
/// sizes, extensions and trailers are skipped. Resumable: each call consumes what it can of the bytes at hand.
/// </summary>
internal struct ChunkedDecoder
{
    /// <summary>A chunk-size line (size and extensions) or a trailer line longer than this is not a node's answer.</summary>
    private const int MaxLineLength = 4096;

    private State _state;
    private long _chunkLeft;

    private enum State
    {
        Size,
        Data,
        DataEnd,
        Trailer,
        Done,
    }

    public readonly bool IsDone => _state == State.Done;

    /// <summary>Consumes what it can of <paramref name="buffer"/> and returns where it stopped.</summary>
    public SequencePosition Decode(ReadOnlySequence<byte> buffer, PooledBody body)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (!reader.End && _state != State.Done)
        {
            switch (_state)
            {
                case State.Size:
                    if (!TryReadLine(ref reader, out var sizeLine))
                    {
                        return reader.Position;
                    }

                    var semicolon = sizeLine.IndexOf((byte)';');
                    var hex = (semicolon < 0 ? sizeLine : sizeLine[..semicolon]).TrimEnd((byte)' ');
                    if (!Utf8Parser.TryParse(hex, out ulong size, out var used, 'x') || used != hex.Length || size > long.MaxValue)
                    {
                        throw NodeTransportException.Protocol("invalid chunk size");
                    }

                    _chunkLeft = (long)size;
                    _state = size == 0 ? State.Trailer : State.Data;
                    break;
                case State.Data:
                    var take = Math.Min(_chunkLeft, reader.Remaining);
                    // The whole body's size is unknown: the body grows by its default segment sizes, not by chunk sizes.
                    body.Append(reader.UnreadSequence.Slice(0, take), -1);
                    reader.Advance(take);
                    _chunkLeft -= take;
                    if (_chunkLeft == 0)
                    {
                        _state = State.DataEnd;
                    }

                    break;
                case State.DataEnd:
                    if (reader.Remaining < 2)
                    {
                        return reader.Position;
                    }

                    if (!reader.IsNext("\r\n"u8, advancePast: true))
                    {
                        throw NodeTransportException.Protocol("chunk data not followed by CRLF");
                    }

                    _state = State.Size;
                    break;
                case State.Trailer:
                    if (!TryReadLine(ref reader, out var trailer))
                    {
                        return reader.Position;
                    }

                    if (trailer.IsEmpty)
                    {
                        _state = State.Done;
                    }

                    break;
            }
        }

        return reader.Position;
    }

    private static bool TryReadLine(ref SequenceReader<byte> reader, out ReadOnlySpan<byte> line)
    {
        if (reader.TryReadTo(out line, "\r\n"u8))
        {
            return true;
        }

        if (reader.Remaining > MaxLineLength)
        {
            throw NodeTransportException.Protocol("chunk line too long");
        }

        return false;
    }
}
