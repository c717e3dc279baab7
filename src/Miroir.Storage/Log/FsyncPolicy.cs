namespace Miroir.Storage.Log;

/// <summary>When the log forces written bytes to stable storage (fsync), which decides what a crash can lose.</summary>
public enum FsyncPolicy
{
    /// <summary>
    /// Each write group is fsynced before any of its appends complete: an acknowledged record
    /// survives a process crash and a power loss or kernel panic.
    /// </summary>
    Always,

    /// <summary>
    /// Appends complete once their bytes are written to the OS (page cache); the log fsyncs at
    /// most every <see cref="AppendLogOptions.FsyncIntervalMs"/> ms while it has unsynced bytes.
    /// An acknowledged record survives a process crash (kill -9); a power loss can lose about
    /// the last interval of acknowledged records.
    /// </summary>
    Interval,

    /// <summary>
    /// Never fsyncs (not even when a segment is sealed); the OS flushes when it likes. Survives
    /// a process crash; a power loss can lose any amount of recent data. For tests and caches.
    /// </summary>
    Never,
}
