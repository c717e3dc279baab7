using Miroir.Storage.Log;

namespace Miroir.Storage.Tests.Log;

/// <summary>Builds segment file bytes by hand, so tests control write-group boundaries exactly.</summary>
internal sealed class SegmentBuilder
{
    private readonly MemoryStream _bytes = new();
    private readonly Dictionary<long, long> _offsets = [];

    public SegmentBuilder(long firstLsn)
    {
        var header = new byte[SegmentHeader.TotalSize];
        SegmentHeader.Write(header, firstLsn);
        _bytes.Write(header);
    }

    public void Add(long lsn, byte[] payload, uint groupOffset)
    {
        _offsets[lsn] = _bytes.Length;
        var record = new byte[RecordHeader.RecordSize(payload.Length)];
        RecordHeader.WriteUnsealed(record, lsn, payload.Length, groupOffset);
        payload.CopyTo(record, RecordHeader.TotalSize);
        RecordHeader.Seal(record, payload.Length);
        _bytes.Write(record);
    }

    public long OffsetOf(long lsn) => _offsets[lsn];

    public byte[] ToArray() => _bytes.ToArray();
}
