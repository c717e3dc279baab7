using System.Buffers;
using System.IO.Hashing;

namespace Miroir.Storage.Log;

/// <summary>Snapshots: written to a temp file, fsynced, renamed into place; then covered segments are deleted.</summary>
public sealed partial class AppendLog
{
    private const int SnapshotBufferBytes = 64 * 1024;
    private readonly SemaphoreSlim _snapshotGate = new(1, 1);

    /// <summary>LSN covered by the latest snapshot (0 when there is none).</summary>
    public long SnapshotLsn
    {
        get
        {
            lock (_filesLock)
                return _snapshotLsn;
        }
    }

    /// <summary>
    /// Writes a snapshot of the state as of <paramref name="uptoLsn"/> (the caller's
    /// <paramref name="writer"/> streams it), makes it durable, then deletes the segments and
    /// older snapshots it makes redundant. Appends may continue meanwhile.
    /// </summary>
    public async Task WriteSnapshotAsync(long uptoLsn, Func<Stream, ValueTask> writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(uptoLsn);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (uptoLsn > LastLsn)
            throw new ArgumentOutOfRangeException(nameof(uptoLsn), uptoLsn, $"Cannot snapshot past the last acknowledged LSN ({LastLsn}).");
        await _snapshotGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var final = LogFileNames.Snapshot(_directory, uptoLsn);
        var temp = final + LogFileNames.TempExtension;
        try
        {
            var previous = SnapshotLsn;
            if (uptoLsn < previous)
                throw new InvalidOperationException($"A newer snapshot (LSN {previous}) already exists.");
            var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, SnapshotBufferBytes);
            await using (file.ConfigureAwait(false))
            {
                file.Write(new byte[SnapshotHeader.TotalSize]); // header placeholder, filled once the payload is known
                var payload = new HashingWriteStream(file);
                await writer(payload).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                var header = new byte[SnapshotHeader.TotalSize];
                SnapshotHeader.Write(header, uptoLsn, payload.Length, payload.Checksum);
                file.Position = 0;
                file.Write(header);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, final, overwrite: true);
            DirectorySync.Flush(_directory);
            lock (_filesLock)
                _snapshotLsn = uptoLsn;
            Compact(_options.KeepPreviousSnapshot ? previous : uptoLsn);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        finally
        {
            _snapshotGate.Release();
        }
    }

    /// <summary>
    /// Opens the latest snapshot's payload (verified when the log was opened or written by this
    /// instance). The caller disposes the stream. False when there is no snapshot.
    /// </summary>
    public bool TryOpenLatestSnapshot(out long uptoLsn, out Stream payload)
    {
        // Under the lock so compaction cannot delete the file between choosing and opening it.
        lock (_filesLock)
        {
            uptoLsn = _snapshotLsn;
            if (uptoLsn == 0)
            {
                payload = Stream.Null;
                return false;
            }
            var file = new FileStream(LogFileNames.Snapshot(_directory, uptoLsn), FileMode.Open, FileAccess.Read,
                FileShare.Read | FileShare.Delete, SnapshotBufferBytes);
            payload = new BoundedReadStream(file, SnapshotHeader.TotalSize, file.Length - SnapshotHeader.TotalSize);
            return true;
        }
    }

    /// <summary>Deletes sealed segments whose records are all at or below <paramref name="uptoLsn"/>, and older snapshots.</summary>
    private void Compact(long uptoLsn)
    {
        if (uptoLsn == 0)
            return;
        var doomed = new List<string>();
        lock (_filesLock)
        {
            // The active (last) segment is never deleted; a sealed one ends right before the next begins.
            var removable = 0;
            while (removable < _segments.Count - 1 && _segments[removable + 1] - 1 <= uptoLsn)
                removable++;
            for (var i = 0; i < removable; i++)
                doomed.Add(LogFileNames.Segment(_directory, _segments[i]));
            _segments.RemoveRange(0, removable);
        }
        foreach (var (lsn, path) in LogFileNames.List(_directory, LogFileNames.SnapshotExtension))
        {
            if (lsn < uptoLsn)
                doomed.Add(path);
        }
        if (doomed.Count == 0)
            return;
        foreach (var path in doomed)
            File.Delete(path);
        DirectorySync.Flush(_directory);
    }

    /// <summary>Where compaction may go on open: the latest snapshot, or the one before it when those are kept.</summary>
    private long CompactionPoint()
    {
        if (!_options.KeepPreviousSnapshot)
            return _snapshotLsn;
        var previous = 0L;
        foreach (var (lsn, _) in LogFileNames.List(_directory, LogFileNames.SnapshotExtension))
        {
            if (lsn < _snapshotLsn)
                previous = Math.Max(previous, lsn);
        }
        return previous;
    }

    /// <summary>Finds the newest snapshot whose checksums hold; returns the damaged newer ones.</summary>
    private List<string> LoadLatestSnapshot()
    {
        var bad = new List<string>();
        var snapshots = LogFileNames.List(_directory, LogFileNames.SnapshotExtension);
        for (var i = snapshots.Count - 1; i >= 0; i--)
        {
            if (IsSnapshotIntact(snapshots[i].Path, snapshots[i].Lsn))
            {
                _snapshotLsn = snapshots[i].Lsn;
                break;
            }
            bad.Add(snapshots[i].Path);
        }
        return bad;
    }

    private static bool IsSnapshotIntact(string path, long lsn)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(file);
        var buffer = ArrayPool<byte>.Shared.Rent(SnapshotBufferBytes);
        try
        {
            if (length < SnapshotHeader.TotalSize
                || RandomAccess.Read(file, buffer.AsSpan(0, SnapshotHeader.TotalSize), 0) != SnapshotHeader.TotalSize
                || !SnapshotHeader.IsValid(buffer))
                return false;
            var header = SnapshotHeader.Read(buffer);
            if (header.UptoLsn != lsn || header.Length != length - SnapshotHeader.TotalSize)
                return false;
            var hash = new XxHash3();
            for (long offset = SnapshotHeader.TotalSize; offset < length;)
            {
                var n = RandomAccess.Read(file, buffer, offset);
                if (n == 0)
                    return false;
                hash.Append(buffer.AsSpan(0, n));
                offset += n;
            }
            return hash.GetCurrentHashAsUInt64() == header.PayloadChecksum;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
