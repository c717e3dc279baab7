using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Miroir.Storage.Log;

// Record header, 24 bytes, little-endian, followed by the payload and zero padding up to a
// multiple of 8 bytes (so every header starts 8-byte aligned and recovery can probe only
// aligned offsets). Spec: docs/dev/log-record-layout.md.
//
//  0                8                16        20        24
//  +----------------+----------------+---------+---------+----------------------+-----+
//  | Checksum (u64) |   Lsn (i64)    | Length  | GroupOf | payload (Length B)   | pad |
//  |                |                |  (i32)  |  (u32)  |                      | 0-7 |
//  +----------------+----------------+---------+---------+----------------------+-----+
//
//  Checksum  XxHash3-64 over bytes [8, 24 + Length): the rest of the header and the payload.
//  Lsn       log sequence number, > 0, +1 per record across the whole log.
//  Length    payload length in bytes (padding not included).
//  GroupOf   Lsn minus the Lsn of the first record of the same write group (group commit);
//            lets recovery tell a torn last group from corruption before the tail.

/// <summary>The fixed 24-byte header in front of every log record.</summary>
[StructLayout(LayoutKind.Explicit, Size = TotalSize)]
internal struct RecordHeader
{
    public const int TotalSize = 24;

    /// <summary>Offset of the first byte covered by <see cref="Checksum"/>.</summary>
    public const int ChecksummedFrom = 8;

    [FieldOffset(0)] public ulong Checksum;
    [FieldOffset(8)] public long Lsn;
    [FieldOffset(16)] public int Length;
    [FieldOffset(20)] public uint GroupOffset;

    /// <summary>Bytes a record with a payload of <paramref name="payloadLength"/> occupies on disk.</summary>
    public static long RecordSize(long payloadLength) => (TotalSize + payloadLength + 7) & ~7L;

    public static RecordHeader Read(ReadOnlySpan<byte> source) => MemoryMarshal.Read<RecordHeader>(source);

    /// <summary>Writes lsn, length and group offset; the checksum is filled later by <see cref="Seal"/>.</summary>
    public static void WriteUnsealed(Span<byte> destination, long lsn, int length, uint groupOffset)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, 0);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], lsn);
        BinaryPrimitives.WriteInt32LittleEndian(destination[16..], length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], groupOffset);
    }

    /// <summary>Computes and stores the checksum of the record starting at <paramref name="record"/>[0].</summary>
    public static void Seal(Span<byte> record, int payloadLength) =>
        BinaryPrimitives.WriteUInt64LittleEndian(record, Compute(record, payloadLength));

    /// <summary>The checksum the record in <paramref name="record"/> should carry.</summary>
    public static ulong Compute(ReadOnlySpan<byte> record, int payloadLength) =>
        XxHash3.HashToUInt64(record.Slice(ChecksummedFrom, TotalSize - ChecksummedFrom + payloadLength));
}
