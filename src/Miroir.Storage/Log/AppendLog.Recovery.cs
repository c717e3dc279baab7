namespace Miroir.Storage.Log;

/// <summary>Crash recovery on open: pick the newest good snapshot, verify every segment, cut a torn tail.</summary>
public sealed partial class AppendLog
{
    private void Recover()
    {
        foreach (var temp in Directory.EnumerateFiles(_directory, "*" + LogFileNames.SnapshotExtension + LogFileNames.TempExtension))
            File.Delete(temp); // a snapshot whose writer crashed before the rename; never the latest
        var badSnapshots = LoadLatestSnapshot();
        var segments = LogFileNames.List(_directory, LogFileNames.SegmentExtension);
        long last = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            var (firstLsn, path) = segments[i];
            // A gap is fine only where the snapshot already covers the missing records.
            if (firstLsn > last + 1 && firstLsn > _snapshotLsn + 1)
            {
                if (badSnapshots.Count > 0)
                    throw new LogCorruptionException(badSnapshots[^1], 0,
                        $"snapshot is damaged and the log no longer holds the records it covered (log resumes at LSN {firstLsn}, newest good snapshot covers up to {_snapshotLsn})");
                throw new LogCorruptionException(path, 0,
                    $"records {last + 1}..{firstLsn - 1} are missing (no snapshot covers them)");
            }
            if (i > 0 && firstLsn <= last)
                throw new LogCorruptionException(path, 0, $"segment starts at LSN {firstLsn} but the previous one ends at {last}");
            last = ScanSegment(path, firstLsn, isLast: i == segments.Count - 1);
            _segments.Add(firstLsn);
        }
        if (segments.Count == 0 || last < _snapshotLsn)
        {
            // Empty directory, or the snapshot is ahead of the log (unsynced tail lost under
            // Interval/Never): continue right after the snapshot so LSNs are never reused.
            _active?.Dispose();
            var firstLsn = Math.Max(last, _snapshotLsn) + 1;
            _active = CreateSegment(firstLsn);
            _activeLength = SegmentHeader.TotalSize;
            _segments.Add(firstLsn);
            last = firstLsn - 1;
        }
        _lastAssignedLsn = last;
        _lastLsn = last;
        foreach (var bad in badSnapshots)
            File.Move(bad, bad + LogFileNames.CorruptExtension, overwrite: true);
        Compact(CompactionPoint());
    }

    /// <summary>Verifies a segment and returns its last LSN; the last segment is also opened for appending.</summary>
    private long ScanSegment(string path, long firstLsn, bool isLast)
    {
        long validEnd;
        var expected = firstLsn;
        using (var reader = SegmentReader.Open(path, firstLsn))
        {
            var headerError = reader.ReadHeader();
            if (headerError is not null)
            {
                // A crash while rolling can leave a new last segment with a partial header and no records.
                if (!isLast || reader.FileLength > SegmentHeader.TotalSize)
                    throw new LogCorruptionException(path, 0, headerError);
                File.Delete(path);
                _active = CreateSegment(firstLsn);
                _activeLength = SegmentHeader.TotalSize;
                return firstLsn - 1;
            }
            string? error;
            while (reader.TryRead(expected, out _, out error))
                expected++;
            validEnd = reader.Position;
            if (error is not null)
            {
                if (!isLast)
                    throw new LogCorruptionException(path, validEnd, error);
                EnsureOnlyTornTail(reader, validEnd, expected, error);
            }
        }
        if (isLast)
            OpenActive(path, validEnd);
        return expected - 1;
    }

    /// <summary>
    /// Allows dropping bytes from <paramref name="badOffset"/> on only if no later write group
    /// survives intact after them: a torn last group was never acknowledged, anything else is corruption.
    /// </summary>
    private static void EnsureOnlyTornTail(SegmentReader reader, long badOffset, long expectedLsn, string reason)
    {
        var tail = reader.ReadTail(badOffset);
        // Records are 8-byte aligned, so only aligned offsets can hold a header.
        for (var offset = 8; offset + RecordHeader.TotalSize <= tail.Length; offset += 8)
        {
            var header = RecordHeader.Read(tail.AsSpan(offset));
            if (header.Lsn < expectedLsn || header.Length < 0 || header.GroupOffset > header.Lsn
                || RecordHeader.RecordSize(header.Length) > tail.Length - offset
                || RecordHeader.Compute(tail.AsSpan(offset), header.Length) != header.Checksum)
                continue;
            if (header.Lsn - header.GroupOffset > expectedLsn)
                throw new LogCorruptionException(reader.Path, badOffset,
                    $"{reason}, yet a later write group survives intact (LSN {header.Lsn} at offset {badOffset + offset})");
            // An intact record of the same (torn, unacknowledged) group: skip over it.
            offset += (int)RecordHeader.RecordSize(header.Length) - 8;
        }
    }

    private void OpenActive(string path, long validEnd)
    {
        _active = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        _activeLength = validEnd;
        if (RandomAccess.GetLength(_active) != validEnd)
        {
            RandomAccess.SetLength(_active, validEnd);
            RandomAccess.FlushToDisk(_active);
        }
    }
}
