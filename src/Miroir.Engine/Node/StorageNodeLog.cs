using Miroir.Storage.Log;

namespace Miroir.Engine.Node;

/// <summary>The node's log on Miroir.Storage's <see cref="AppendLog"/> (segments, group commit, snapshots).</summary>
internal sealed class StorageNodeLog(AppendLog log) : INodeLog
{
    private long _bytesSinceSnapshot;

    /// <summary>
    /// Opens the log in <paramref name="directory"/>; records may be as large as a request body.
    /// The previous snapshot is kept: a damaged latest one falls back to it plus the log.
    /// </summary>
    public static StorageNodeLog Open(string directory, long maxBodyBytes)
    {
        var maxRecord = (int)Math.Min(1L << 30, maxBodyBytes + maxBodyBytes / 4 + (1 << 20));
        return new StorageNodeLog(AppendLog.Open(directory, new AppendLogOptions { MaxRecordBytes = maxRecord, KeepPreviousSnapshot = true }));
    }

    public long BytesSinceSnapshot => Interlocked.Read(ref _bytesSinceSnapshot);

    public async ValueTask<long> AppendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        var lsn = await log.AppendAsync(payload, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _bytesSinceSnapshot, payload.Length);
        return lsn;
    }

    public bool TryOpenLatestSnapshot(out long uptoLsn, out Stream payload) => log.TryOpenLatestSnapshot(out uptoLsn, out payload);

    public IEnumerable<(long Lsn, ReadOnlyMemory<byte> Payload)> ReadAfter(long afterLsn)
    {
        foreach (var record in log.ReadFrom(afterLsn))
        {
            Interlocked.Add(ref _bytesSinceSnapshot, record.Payload.Length);
            yield return (record.Lsn, record.Payload);
        }
    }

    public async Task WriteSnapshotAsync(long uptoLsn, Func<Stream, ValueTask> writer)
    {
        var before = BytesSinceSnapshot;
        await log.WriteSnapshotAsync(uptoLsn, writer).ConfigureAwait(false);
        // Records appended while the snapshot was written stay in the log; count only those.
        Interlocked.Add(ref _bytesSinceSnapshot, -before);
    }

    public ValueTask DisposeAsync() => log.DisposeAsync();
}
