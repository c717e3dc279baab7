using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Miroir.Storage.Log;

namespace Miroir.Proxy.Tasks;

/// <summary>
/// The orchestrator's durable state: one JSON object per record in an <see cref="AppendLog"/> under
/// <c>state.path</c>. Every record carries <c>"r"</c> (its kind); see <see cref="StateRecords"/>.
/// Once <see cref="StateLogOptions.SnapshotAfterBytes"/> were appended, a background snapshot asks every
/// <see cref="IStateSnapshotSource"/> for its live records and the log before it is deleted.
/// </summary>
/// <remarks>
/// Rule for state owners: change memory in the <c>apply</c> callback of <see cref="AppendAsync"/> (or before
/// appending), never after it returns. A snapshot waits for appends in flight to finish their apply, so every
/// record it covers is in the state it copies; a change applied later could be missing from the snapshot
/// while its record is compacted away.
/// </remarks>
internal sealed class StateLog : IAsyncDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };
    private readonly AppendLog _log;
    private readonly StateLogOptions _options;
    private readonly ILogger _logger;
    private readonly StateGate _gate = new();

    // One snapshot at a time: the gate has a single closer, and the log refuses an older snapshot after a newer one.
    private readonly SemaphoreSlim _snapshotting = new(1, 1);
    private readonly List<IStateSnapshotSource> _sources = [];
    private readonly StateSnapshotWorker _worker;
    private readonly HashSet<string> _coveredKinds = new(StringComparer.Ordinal) { "snapshot" };
    private long _bytesSinceSnapshot;

    // A record kind no source rebuilds (an owner that did not register): compacting would drop its records.
    private string? _uncoveredKind;

    private StateLog(AppendLog log, StateLogOptions options, ILogger logger)
    {
        _log = log;
        _options = options;
        _logger = logger;
        _worker = new StateSnapshotWorker(SnapshotIfDueAsync, logger);
    }

    /// <summary>Bytes appended (or replayed from the tail) since the latest snapshot.</summary>
    public long BytesSinceSnapshot => Interlocked.Read(ref _bytesSinceSnapshot);

    /// <summary>LSN covered by the latest snapshot (0 when there is none).</summary>
    public long SnapshotLsn => _log.SnapshotLsn;

    public static StateLog Open(string directory, StateLogOptions? options = null, ILogger? logger = null)
    {
        options ??= new StateLogOptions();
        Directory.CreateDirectory(directory);
        var log = AppendLog.Open(directory, new AppendLogOptions { SegmentBytes = options.SegmentBytes });
        return new StateLog(log, options, logger ?? NullLogger.Instance);
    }

    /// <summary>Adds an owner whose live records go into every snapshot (register before the first append).</summary>
    public void AddSource(IStateSnapshotSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (_sources)
        {
            _sources.Add(source);
            _coveredKinds.UnionWith(source.RecordKinds);
        }
    }

    /// <summary>Calls <paramref name="apply"/> for every record of the latest snapshot, then for every later record, oldest first.</summary>
    public void Replay(Action<JsonElement> apply)
    {
        ArgumentNullException.ThrowIfNull(apply);
        long after = 0;
        if (_log.TryOpenLatestSnapshot(out var upto, out var payload))
        {
            using (payload)
            {
                ReplaySnapshot(payload, apply);
            }

            after = upto;
        }

        foreach (var record in _log.ReadFrom(after))
        {
            Interlocked.Add(ref _bytesSinceSnapshot, record.Payload.Length);
            using var document = JsonDocument.Parse(record.Payload);
            Track(document.RootElement.TryGetProperty("r", out var kind) ? kind.GetString() : null);
            apply(document.RootElement);
        }
    }

    /// <summary>
    /// Appends one record and completes when it is durable; <paramref name="apply"/> (the change in memory)
    /// runs before a snapshot can be taken, see the remarks on <see cref="StateLog"/>.
    /// </summary>
    public async Task AppendAsync<TState>(TState state, Action<Utf8JsonWriter, TState> write, Action<TState>? apply = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, state);
        }

        Track(KindOf(buffer.WrittenSpan));
        await _gate.EnterAsync().ConfigureAwait(false);
        try
        {
            await _log.AppendAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            apply?.Invoke(state);
        }
        finally
        {
            _gate.Exit();
        }

        if (Interlocked.Add(ref _bytesSinceSnapshot, buffer.WrittenCount) >= _options.SnapshotAfterBytes)
        {
            _worker.Request();
        }
    }

    /// <summary>
    /// Writes a snapshot now: waits for appends in flight, copies every source's live records as of the last
    /// LSN (new appends wait only for the copy), then writes it durably and deletes the log it covers.
    /// </summary>
    public async Task SnapshotAsync(CancellationToken cancellationToken = default)
    {
        await _snapshotting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SnapshotExclusiveAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _snapshotting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.DisposeAsync().ConfigureAwait(false);
        await _log.DisposeAsync().ConfigureAwait(false);
        _snapshotting.Dispose();
    }

    private async Task SnapshotExclusiveAsync(CancellationToken cancellationToken)
    {
        StateSnapshotWriter snapshot;
        long upto;
        long coveredBytes;
        await _gate.CloseAsync().ConfigureAwait(false);
        try
        {
            upto = _log.LastLsn;
            if (upto == 0 || upto == _log.SnapshotLsn)
            {
                return;
            }

            if (Volatile.Read(ref _uncoveredKind) is { } uncovered)
            {
                ProxyLog.StateSnapshotSkipped(_logger, uncovered);
                return;
            }

            coveredBytes = BytesSinceSnapshot;
            snapshot = new StateSnapshotWriter();
            lock (_sources)
            {
                foreach (var source in _sources)
                {
                    source.WriteSnapshot(snapshot);
                }
            }
        }
        finally
        {
            _gate.Open();
        }

        await _log.WriteSnapshotAsync(upto, stream => stream.WriteAsync(snapshot.Payload, cancellationToken), cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _bytesSinceSnapshot, -coveredBytes);
        ProxyLog.StateSnapshotWritten(_logger, upto, snapshot.Count, snapshot.Payload.Length);
    }

    /// <summary>The kind of a record as written: its first property, <c>"r"</c>.</summary>
    private static string? KindOf(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        return reader.Read() && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("r"u8) && reader.Read()
            ? reader.GetString()
            : null;
    }

    private void Track(string? kind)
    {
        lock (_sources)
        {
            if (kind is null || !_coveredKinds.Contains(kind))
            {
                _uncoveredKind ??= kind ?? "(none)";
            }
        }
    }

    private Task SnapshotIfDueAsync() =>
        BytesSinceSnapshot >= _options.SnapshotAfterBytes ? SnapshotAsync() : Task.CompletedTask;

    /// <summary>Reads the <c>\n</c>-separated records of a snapshot payload (header first), one buffer refill at a time.</summary>
    private static void ReplaySnapshot(Stream payload, Action<JsonElement> apply)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var (start, end, header) = (0, 0, true);
        try
        {
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    using var document = JsonDocument.Parse(buffer.AsMemory(start, newline));
                    if (header)
                    {
                        CheckHeader(document.RootElement);
                        header = false;
                    }
                    else
                    {
                        apply(document.RootElement);
                    }

                    start += newline + 1;
                    continue;
                }

                // Keep the partial record at the front; grow when one record fills the whole buffer.
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                (start, end) = (0, end - start);
                if (end == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, end).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = payload.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                {
                    if (end != 0 || header)
                    {
                        throw new InvalidDataException("The state snapshot ends inside a record.");
                    }

                    return;
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void CheckHeader(JsonElement header)
    {
        if (header.GetProperty("r").GetString() != "snapshot" || header.GetProperty("version").GetInt32() != StateSnapshotWriter.Version)
        {
            throw new InvalidDataException("Unknown state snapshot version: " + header.GetRawText());
        }
    }
}
