namespace Miroir.Proxy.Tasks;

/// <summary>Sizes of the state log: when to snapshot, and segment size (compaction deletes whole sealed segments only).</summary>
internal sealed record StateLogOptions
{
    /// <summary>A snapshot is written once this many record bytes were appended since the last one (<c>state.snapshot_after_bytes</c>).</summary>
    public long SnapshotAfterBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>
    /// A quarter of the snapshot interval, so a snapshot finds sealed segments to delete (the active one never
    /// is); at least the log's 4 KiB minimum, at most its 64 MiB default.
    /// </summary>
    public long SegmentBytes => Math.Clamp(SnapshotAfterBytes / 4, 4096, 64L * 1024 * 1024);
}
