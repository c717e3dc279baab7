namespace Miroir.Storage.Log;

/// <summary>Tuning knobs of an <see cref="AppendLog"/>; the defaults suit a node's durable state.</summary>
public sealed record AppendLogOptions
{
    /// <summary>A segment is sealed and a new one started once it would grow past this size (64 MiB).</summary>
    public long SegmentBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>When appended bytes are fsynced; see <see cref="Log.FsyncPolicy"/> for what each survives.</summary>
    public FsyncPolicy FsyncPolicy { get; init; } = FsyncPolicy.Always;

    /// <summary>Upper bound between fsyncs under <see cref="FsyncPolicy.Interval"/>, in milliseconds.</summary>
    public int FsyncIntervalMs { get; init; } = 100;

    /// <summary>Largest payload <see cref="AppendLog.AppendAsync"/> accepts (16 MiB); larger ones are refused.</summary>
    public int MaxRecordBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Keeps the snapshot before the latest and the log since it (compaction stops there), so a
    /// latest snapshot found damaged on open falls back to the previous one plus the log instead
    /// of failing; costs one more snapshot and up to two snapshot intervals of log on disk.
    /// </summary>
    public bool KeepPreviousSnapshot { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(SegmentBytes, 4096, nameof(SegmentBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FsyncIntervalMs, nameof(FsyncIntervalMs));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRecordBytes, nameof(MaxRecordBytes));
        // Keeps RecordHeader.RecordSize within an int so a record always fits one array.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRecordBytes, 1 << 30, nameof(MaxRecordBytes));
        if (!Enum.IsDefined(FsyncPolicy))
            throw new ArgumentOutOfRangeException(nameof(FsyncPolicy), FsyncPolicy, "Unknown fsync policy.");
    }
}
