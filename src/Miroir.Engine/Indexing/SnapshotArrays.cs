using System.Runtime.InteropServices;

namespace Miroir.Engine.Indexing;

/// <summary>
/// Arrays of primitives in index snapshots: int32 length, then the elements as raw
/// little-endian bytes (the append log already refuses big-endian machines).
/// </summary>
internal static class SnapshotArrays
{
    public static void Write<T>(BinaryWriter w, ReadOnlySpan<T> values) where T : unmanaged
    {
        w.Write(values.Length);
        w.Write(MemoryMarshal.AsBytes(values));
    }

    public static T[] Read<T>(BinaryReader r) where T : unmanaged
    {
        var values = new T[r.ReadInt32()];
        // BinaryReader reads no further ahead than asked, so its stream continues right here.
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}
