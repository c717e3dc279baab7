using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Miroir.Storage.Log;

/// <summary>
/// Group commit: the writer thread (or, when the log is idle and no fsync is due per append, the
/// appending thread itself) takes the whole pending batch, writes it as one group and fsyncs per policy.
/// </summary>
public sealed partial class AppendLog
{
    // Interval policy only: bytes written since the last fsync.
    private bool _unsynced;
    private long _lastSyncTimestamp;

    private void WriterLoop()
    {
        var timeout = Timeout.Infinite;
        while (true)
        {
            _wake.Wait(timeout);
            while (true)
            {
                WriteBatch batch;
                bool closing;
                lock (_lock)
                {
                    _wakeSignalled = false;
                    if (_writerBusy)
                    {
                        // An inline appender holds the file; it wakes us when it leaves work behind.
                        // Poll once per interval anyway so a due fsync is never starved.
                        timeout = _options.FsyncPolicy == FsyncPolicy.Interval ? _options.FsyncIntervalMs : Timeout.Infinite;
                        break;
                    }
                    closing = _closing;
                    if (_pending.Count == 0 && !closing && !SyncDue())
                    {
                        timeout = _unsynced ? MillisecondsUntilIntervalSync() : Timeout.Infinite;
                        break;
                    }
                    _writerBusy = true;
                    batch = TakePendingLocked();
                }
                if (batch.Count > 0)
                    WriteGroup(batch);
                else if (SyncDue())
                    TrySync();
                batch.Clear();
                if (closing)
                {
                    // _closing was read with the swap, so nothing can have been queued since;
                    // _writerBusy stays set for good.
                    if (_unsynced)
                        TrySync();
                    _active?.Dispose();
                    return;
                }
                lock (_lock)
                    _writerBusy = false;
            }
        }
    }

    /// <summary>Takes the pending batch for writing; the caller holds <see cref="_lock"/> and owns <see cref="_writerBusy"/>.</summary>
    private WriteBatch TakePendingLocked()
    {
        var batch = _pending;
        _pending = _writing;
        _writing = batch;
        return batch;
    }

    /// <summary>Writes a batch on the appending thread, then hands the file back and wakes the writer if needed.</summary>
    private void WriteInline(WriteBatch batch)
    {
        var wasUnsynced = _unsynced;
        WriteGroup(batch);
        batch.Clear();
        bool wake;
        lock (_lock)
        {
            _writerBusy = false;
            // Wake for appends queued meanwhile, for Dispose, or to arm the Interval fsync timer.
            wake = _pending.Count > 0 || _closing || (_unsynced && !wasUnsynced);
            if (wake)
                _wakeSignalled = true;
        }
        if (wake)
            _wake.Release();
    }

    private void WriteGroup(WriteBatch batch)
    {
        if (_failure is not null)
        {
            batch.Fail(new IOException("The log failed an earlier write and accepts no more appends; reopen it.", _failure));
            return;
        }
        try
        {
            var bytes = batch.MutableBytes;
            var lsn = batch.FirstLsn;
            int runStart = 0, position = 0;
            while (position < bytes.Length)
            {
                var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[(position + 16)..]);
                var size = (int)RecordHeader.RecordSize(length);
                RecordHeader.Seal(bytes.Slice(position, size), length);
                // Records never straddle segments; a record bigger than SegmentBytes gets a segment of its own.
                if (_activeLength > SegmentHeader.TotalSize
                    && _activeLength + (position - runStart) + size > _options.SegmentBytes)
                {
                    WriteRun(bytes[runStart..position]);
                    runStart = position;
                    Roll(lsn);
                }
                position += size;
                lsn++;
            }
            WriteRun(bytes[runStart..position]);
            if (_options.FsyncPolicy == FsyncPolicy.Always)
                Sync();
            else if (_options.FsyncPolicy == FsyncPolicy.Interval)
                _unsynced = true; // the writer thread fsyncs when the interval is up
            Volatile.Write(ref _lastLsn, lsn - 1);
            batch.Complete();
        }
        catch (Exception error)
        {
            // After a failed write or fsync the file state is unknown (and Linux may have dropped
            // the dirty pages), so the log refuses further appends instead of retrying.
            lock (_lock)
                _failure = error;
            batch.Fail(error);
        }
    }

    private void WriteRun(ReadOnlySpan<byte> run)
    {
        RandomAccess.Write(_active!, run, _activeLength);
        _activeLength += run.Length;
    }

    /// <summary>Seals the active segment and starts a new one whose first record is <paramref name="firstLsn"/>.</summary>
    private void Roll(long firstLsn)
    {
        if (_options.FsyncPolicy != FsyncPolicy.Never)
            Sync();
        var next = CreateSegment(firstLsn);
        _active!.Dispose();
        _active = next;
        _activeLength = SegmentHeader.TotalSize;
        lock (_filesLock)
            _segments.Add(firstLsn);
    }

    private SafeFileHandle CreateSegment(long firstLsn)
    {
        var path = LogFileNames.Segment(_directory, firstLsn);
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        try
        {
            Span<byte> header = stackalloc byte[SegmentHeader.TotalSize];
            SegmentHeader.Write(header, firstLsn);
            RandomAccess.Write(handle, header, 0);
            if (_options.FsyncPolicy != FsyncPolicy.Never)
            {
                RandomAccess.FlushToDisk(handle);
                DirectorySync.Flush(_directory);
            }
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private void Sync()
    {
        RandomAccess.FlushToDisk(_active!);
        _unsynced = false;
        _lastSyncTimestamp = Stopwatch.GetTimestamp();
    }

    private void TrySync()
    {
        try
        {
            Sync();
        }
        catch (Exception error)
        {
            // Surfaces on the next append; the writer thread itself must never die.
            lock (_lock)
                _failure = error;
        }
    }

    private bool SyncDue() => _unsynced && MillisecondsUntilIntervalSync() == 0;

    private int MillisecondsUntilIntervalSync()
    {
        var elapsed = Stopwatch.GetElapsedTime(_lastSyncTimestamp).TotalMilliseconds;
        return (int)Math.Max(0, Math.Ceiling(_options.FsyncIntervalMs - elapsed));
    }
}
