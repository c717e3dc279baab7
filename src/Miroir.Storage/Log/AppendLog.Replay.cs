namespace Miroir.Storage.Log;

/// <summary>Replay: reads acknowledged records back in LSN order, verifying checksums as it goes.</summary>
public sealed partial class AppendLog
{
    /// <summary>
    /// Yields every acknowledged record with an LSN above <paramref name="afterLsn"/>, up to the
    /// <see cref="LastLsn"/> seen at the call, in LSN order. Each <see cref="LogRecord.Payload"/>
    /// is only valid until the enumeration advances.
    /// </summary>
    /// <exception cref="InvalidOperationException">The records right after <paramref name="afterLsn"/> were compacted away; load the snapshot first.</exception>
    /// <exception cref="LogCorruptionException">A record fails its checksum.</exception>
    public IEnumerable<LogRecord> ReadFrom(long afterLsn)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterLsn);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var last = LastLsn;
        long[] segments;
        lock (_filesLock)
            segments = [.. _segments];
        if (afterLsn >= last)
            return [];
        if (afterLsn + 1 < segments[0])
            throw new InvalidOperationException(
                $"Records after LSN {afterLsn} are no longer in the log (it starts at LSN {segments[0]}); restore the snapshot first.");
        var first = segments.Length - 1;
        while (segments[first] > afterLsn + 1)
            first--;
        return Read(afterLsn, last, segments.AsMemory(first));
    }

    private IEnumerable<LogRecord> Read(long afterLsn, long last, ReadOnlyMemory<long> segments)
    {
        for (var i = 0; i < segments.Length; i++)
        {
            var firstLsn = segments.Span[i];
            using var reader = SegmentReader.Open(LogFileNames.Segment(_directory, firstLsn), firstLsn);
            var headerError = reader.ReadHeader();
            if (headerError is not null)
                throw new LogCorruptionException(reader.Path, 0, headerError);
            for (var lsn = firstLsn; lsn <= last; lsn++)
            {
                var offset = reader.Position;
                if (!reader.TryRead(lsn, out var record, out var error))
                {
                    if (error is null)
                        break; // end of a sealed segment; the next one continues at lsn
                    throw new LogCorruptionException(reader.Path, offset, error);
                }
                if (lsn > afterLsn)
                    yield return record;
            }
            if (i + 1 < segments.Length && segments.Span[i + 1] > last)
                yield break;
        }
    }
}
