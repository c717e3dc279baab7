using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Miroir.Storage.Log;

// Segment file header, 24 bytes, little-endian, at offset 0 of every `<FirstLsn:D20>.log`.
// Records follow immediately (offset 24, 8-byte aligned). Spec: docs/dev/log-record-layout.md.
//
//  0          4      6      8                 16                24
//  +----------+------+------+-----------------+-----------------+
//  | Magic    | Ver  | Rsvd | FirstLsn (i64)  | Checksum (u64)  |
//  | "MRLG"   | u16  | u16  |                 |                 |
//  +----------+------+------+-----------------+-----------------+
//
//  Magic     0x474C524D ("MRLG" read as bytes).
//  Ver       format version, currently 1.
//  FirstLsn  Lsn of the first record this segment holds (or will hold); equals the file name.
//  Checksum  XxHash3-64 over bytes [0, 16).

/// <summary>The fixed 24-byte header at the start of every log segment file.</summary>
[StructLayout(LayoutKind.Explicit, Size = TotalSize)]
internal struct SegmentHeader
{
    public const int TotalSize = 24;
    public const uint MagicValue = 0x474C524D;
    public const ushort CurrentVersion = 1;

    [FieldOffset(0)] public uint Magic;
    [FieldOffset(4)] public ushort Version;
    [FieldOffset(6)] public ushort Reserved;
    [FieldOffset(8)] public long FirstLsn;
    [FieldOffset(16)] public ulong Checksum;

    public static void Write(Span<byte> destination, long firstLsn)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, MagicValue);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], CurrentVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], firstLsn);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], XxHash3.HashToUInt64(destination[..16]));
    }

    /// <summary>Null when the header is valid for a segment named <paramref name="firstLsn"/>, else why not.</summary>
    public static string? Validate(ReadOnlySpan<byte> source, long firstLsn)
    {
        var header = MemoryMarshal.Read<SegmentHeader>(source);
        if (header.Magic != MagicValue)
            return "bad segment magic";
        if (header.Checksum != XxHash3.HashToUInt64(source[..16]))
            return "segment header checksum mismatch";
        if (header.Version != CurrentVersion)
            return $"unsupported segment version {header.Version}";
        return header.FirstLsn != firstLsn ? $"segment header says first LSN {header.FirstLsn}, file name says {firstLsn}" : null;
    }
}
