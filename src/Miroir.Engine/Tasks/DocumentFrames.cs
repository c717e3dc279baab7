using System.Buffers;
using System.Buffers.Binary;

namespace Miroir.Engine.Tasks;

/// <summary>
/// The framing that stores a batch of documents in one payload: each document is a 4-byte
/// little-endian length followed by its UTF-8 JSON object. Framing (rather than NDJSON)
/// keeps the raw bytes of pretty-printed objects intact.
/// </summary>
internal static class DocumentFrames
{
    public static byte[] Encode(IReadOnlyList<ReadOnlyMemory<byte>> docs)
    {
        var size = 0;
        foreach (var d in docs)
        {
            size += 4 + d.Length;
        }
        var buffer = new byte[size];
        var pos = 0;
        foreach (var d in docs)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(pos), d.Length);
            d.Span.CopyTo(buffer.AsSpan(pos + 4));
            pos += 4 + d.Length;
        }
        return buffer;
    }

    /// <summary>Slices the frames without copying the documents.</summary>
    public static List<ReadOnlyMemory<byte>> Decode(ReadOnlyMemory<byte> data)
    {
        var docs = new List<ReadOnlyMemory<byte>>();
        var pos = 0;
        while (pos + 4 <= data.Length)
        {
            var len = BinaryPrimitives.ReadInt32LittleEndian(data.Span[pos..]);
            if (len < 0 || pos + 4 + len > data.Length)
            {
                throw new InvalidDataException("Corrupt document frame.");
            }
            docs.Add(data.Slice(pos + 4, len));
            pos += 4 + len;
        }
        return docs;
    }

    /// <summary>Appends one frame to a growing buffer.</summary>
    public static void Append(IBufferWriter<byte> writer, ReadOnlySpan<byte> doc)
    {
        var span = writer.GetSpan(4 + doc.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span, doc.Length);
        doc.CopyTo(span[4..]);
        writer.Advance(4 + doc.Length);
    }
}
