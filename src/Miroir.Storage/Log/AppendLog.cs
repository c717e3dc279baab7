using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Miroir.Storage.Log;

/// <summary>
/// A durable append-only log: checksummed records with increasing LSNs in segment files, group
/// commit through one writer thread, snapshots with compaction, and crash recovery on open.
/// </summary>
/// <remarks>Layout and recovery rules: docs/dev/log-record-layout.md.</remarks>
public sealed partial class AppendLog : IAsyncDisposable, IDisposable
{
    private const string LockFileName = "LOCK";

    private readonly string _directory;
    private readonly AppendLogOptions _options;

    // Guards _pending, _writing, _lastAssignedLsn, _wakeSignalled, _writerBusy, _closing, _failure.
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private WriteBatch _pending = new();
    private WriteBatch _writing = new();
    private long _lastAssignedLsn;
    private bool _wakeSignalled;

    // Whoever sets this (writer thread or an inline appender) owns the active file and the batch it took.
    private bool _writerBusy;
    private bool _closing;
    private Exception? _failure;
    private long _lastLsn;
    private Task _writer = Task.CompletedTask;
    private int _disposed;
    private FileStream? _lockFile;

    // Guards the file set shared by writer, compaction and readers: _segments, _snapshotLsn.
    private readonly Lock _filesLock = new();
    private readonly List<long> _segments = [];
    private long _snapshotLsn;

    // Owned by the holder of _writerBusy after Open.
    private SafeFileHandle? _active;
    private long _activeLength;

    private AppendLog(string directory, AppendLogOptions options)
    {
        _directory = directory;
        _options = options;
    }

    /// <summary>LSN of the last acknowledged record (0 when the log is empty).</summary>
    public long LastLsn => Volatile.Read(ref _lastLsn);

    /// <summary>The directory holding the segment and snapshot files.</summary>
    public string DirectoryPath => _directory;

    /// <summary>Opens (creating if needed) the log in <paramref name="directory"/> and runs crash recovery.</summary>
    /// <exception cref="LogCorruptionException">Damage that recovery must not silently drop.</exception>
    public static AppendLog Open(string directory, AppendLogOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options ??= new AppendLogOptions();
        options.Validate();
        // Headers are read by reinterpreting bytes (see RecordHeader); the format is little-endian.
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("The append log needs a little-endian machine.");
        var log = new AppendLog(Path.GetFullPath(directory), options);
        Directory.CreateDirectory(log._directory);
        log._lockFile = AcquireDirectoryLock(log._directory);
        log._lastSyncTimestamp = Stopwatch.GetTimestamp();
        try
        {
            log.Recover();
        }
        catch
        {
            log._active?.Dispose();
            log._lockFile.Dispose();
            throw;
        }
        log._writer = Task.Factory.StartNew(log.WriterLoop, CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return log;
    }

    /// <summary>
    /// Appends one record. Completes with its LSN once the record is durable per
    /// <see cref="AppendLogOptions.FsyncPolicy"/>. The payload is copied before this returns.
    /// Cancellation is only observed before the record is queued. Await the result once (it is
    /// a pooled <see cref="ValueTask{TResult}"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The payload is larger than <see cref="AppendLogOptions.MaxRecordBytes"/>.</exception>
    public ValueTask<long> AppendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        if (payload.Length > _options.MaxRecordBytes)
            throw new ArgumentException(
                $"A log record of {payload.Length} bytes exceeds MaxRecordBytes ({_options.MaxRecordBytes}).", nameof(payload));
        if (cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled<long>(cancellationToken);
        var completion = AppendCompletion.Rent();
        var wake = false;
        WriteBatch? inline = null;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closing, this);
            if (_failure is not null)
                throw new IOException("The log failed an earlier write and accepts no more appends; reopen it.", _failure);
            // Add first: if it throws (out of memory) the LSN is not consumed, so LSNs stay gapless.
            _pending.Add(_lastAssignedLsn + 1, payload.Span, completion);
            _lastAssignedLsn++;
            if (_options.FsyncPolicy != FsyncPolicy.Always && !_writerBusy && _pending.Count == 1)
            {
                // Nobody is writing and no fsync has to be waited for: write on this thread and
                // skip two thread hand-offs (a sequential appender goes ~10x faster).
                _writerBusy = true;
                inline = TakePendingLocked();
            }
            else if (!_wakeSignalled)
            {
                wake = _wakeSignalled = true;
            }
        }
        if (inline is not null)
            WriteInline(inline);
        else if (wake)
            _wake.Release();
        return completion.Task;
    }

    /// <summary>Waits for queued appends to be written, fsyncs (unless <see cref="FsyncPolicy.Never"/>) and closes the files.</summary>
    public void Dispose()
    {
        BeginClose();
        _writer.GetAwaiter().GetResult();
        Cleanup();
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        BeginClose();
        await _writer.ConfigureAwait(false);
        Cleanup();
    }

    private void BeginClose()
    {
        lock (_lock)
        {
            if (_closing)
                return;
            _closing = true;
        }
        _wake.Release();
    }

    private void Cleanup()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _pending.Dispose();
        _writing.Dispose();
        _lockFile?.Dispose();
        // The semaphores are not disposed: an inline appender may still Release _wake after the
        // writer exited, and SemaphoreSlim only needs Dispose once its wait handle was used.
    }

    /// <summary>One writer per directory: a second Open (this or another process) fails instead of corrupting the log.</summary>
    private static FileStream AcquireDirectoryLock(string directory)
    {
        var path = Path.Combine(directory, LockFileName);
        try
        {
            // FileShare.None takes an exclusive flock on Unix; the kernel drops it if the process dies.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException error)
        {
            throw new IOException($"The log in '{directory}' is already open (lock file '{path}' is held).", error);
        }
    }
}
