using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Miroir.Storage.Log;

// Snapshot file header, 40 bytes, little-endian, at offset 0 of `<UptoLsn:D20>.snap`;
// the caller's payload follows and runs to the end of the file. Spec: docs/dev/log-record-layout.md.
//
//  0        4     6     8               16              24              32              40
//  +--------+-----+-----+---------------+---------------+---------------+---------------+
//  | Magic  | Ver | Rsv | UptoLsn (i64) | Length (i64)  | PayloadSum    | HeaderSum     |
//  | "MRSN" | u16 | u16 |               | payload bytes | (u64)         | (u64)         |
//  +--------+-----+-----+---------------+---------------+---------------+---------------+
//
//  UptoLsn     the snapshot reflects every record with Lsn <= UptoLsn.
//  PayloadSum  XxHash3-64 of the payload.
//  HeaderSum   XxHash3-64 over bytes [0, 32).

/// <summary>The fixed 40-byte header at the start of every snapshot file.</summary>
[StructLayout(LayoutKind.Explicit, Size = TotalSize)]
internal struct SnapshotHeader
{
    public const int TotalSize = 40;
    public const uint MagicValue = 0x4E53524D;
    public const ushort CurrentVersion = 1;

    [FieldOffset(0)] public uint Magic;
    [FieldOffset(4)] public ushort Version;
    [FieldOffset(6)] public ushort Reserved;
    [FieldOffset(8)] public long UptoLsn;
    [FieldOffset(16)] public long Length;
    [FieldOffset(24)] public ulong PayloadChecksum;
    [FieldOffset(32)] public ulong HeaderChecksum;

    public static void Write(Span<byte> destination, long uptoLsn, long length, ulong payloadChecksum)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, MagicValue);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], CurrentVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], uptoLsn);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], length);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], payloadChecksum);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[32..], XxHash3.HashToUInt64(destination[..32]));
    }

    public static SnapshotHeader Read(ReadOnlySpan<byte> source) => MemoryMarshal.Read<SnapshotHeader>(source);

    /// <summary>True when magic, version and header checksum hold (the payload is checked separately).</summary>
    public static bool IsValid(ReadOnlySpan<byte> source)
    {
        var header = Read(source);
        return header.Magic == MagicValue && header.Version == CurrentVersion
            && header.HeaderChecksum == XxHash3.HashToUInt64(source[..32]) && header.Length >= 0;
    }
}
