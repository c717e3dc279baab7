namespace Miroir.Engine.Node;

/// <summary>
/// The durable log a node writes its tasks and keys to: the seam over Miroir.Storage's
/// append-only log, kept this small so the node code reads the same with any backend.
/// </summary>
internal interface INodeLog : IAsyncDisposable
{
    /// <summary>Appends one record; completes with its LSN once the record is durable.</summary>
    ValueTask<long> AppendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default);

    /// <summary>Opens the newest snapshot's payload; false when none was written.</summary>
    bool TryOpenLatestSnapshot(out long uptoLsn, out Stream payload);

    /// <summary>Records with an LSN greater than <paramref name="afterLsn"/>, in order; each payload is valid until the next.</summary>
    IEnumerable<(long Lsn, ReadOnlyMemory<byte> Payload)> ReadAfter(long afterLsn);

    /// <summary>Streams a snapshot that covers every record up to <paramref name="uptoLsn"/>, then drops those records.</summary>
    Task WriteSnapshotAsync(long uptoLsn, Func<Stream, ValueTask> writer);

    /// <summary>Record bytes appended (or replayed) since the last snapshot, to decide when to take the next one.</summary>
    long BytesSinceSnapshot { get; }
}
