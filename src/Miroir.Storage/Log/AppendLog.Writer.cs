using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Miroir.Storage.Log;

/// <summary>The writer thread: takes the whole pending batch, writes it as one group and fsyncs per policy.</summary>
public sealed partial class AppendLog
{
    // Interval policy only: bytes written since the last fsync.
    private bool _unsynced;
    private long _lastSyncTimestamp;

    private void WriterLoop()
    {
        _lastSyncTimestamp = Stopwatch.GetTimestamp();
        while (true)
        {
            _wake.Wait(_unsynced ? MillisecondsUntilIntervalSync() : Timeout.Infinite);
            WriteBatch batch;
            bool closing;
            lock (_lock)
            {
                // Swap the buffers: appenders fill the other one while this group is written.
                batch = _pending;
                _pending = _writing;
                _writing = batch;
                _wakeSignalled = false;
                closing = _closing;
            }
            if (batch.Count > 0)
                WriteGroup(batch);
            else if (_unsynced && MillisecondsUntilIntervalSync() == 0)
                TrySync();
            batch.Clear();
            // _closing was read in the same lock as the swap, so nothing can have been queued since.
            if (closing)
                break;
        }
        if (_unsynced)
            TrySync();
        _active?.Dispose();
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
            AfterWrite();
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

    private void AfterWrite()
    {
        switch (_options.FsyncPolicy)
        {
            case FsyncPolicy.Always:
                Sync();
                break;
            case FsyncPolicy.Interval:
                _unsynced = true;
                if (MillisecondsUntilIntervalSync() == 0)
                    Sync();
                break;
            default:
                break;
        }
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
        catch (IOException error)
        {
            lock (_lock)
                _failure = error;
        }
    }

    private int MillisecondsUntilIntervalSync()
    {
        var elapsed = Stopwatch.GetElapsedTime(_lastSyncTimestamp).TotalMilliseconds;
        return (int)Math.Max(0, Math.Ceiling(_options.FsyncIntervalMs - elapsed));
    }
}
