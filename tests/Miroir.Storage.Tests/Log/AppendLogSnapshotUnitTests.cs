using Miroir.Storage.Log;

namespace Miroir.Storage.Tests.Log;

public sealed class AppendLogSnapshotUnitTests : IDisposable
{
    private static readonly AppendLogOptions Options = LogTestData.Fast with { SegmentBytes = 4096 };
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task WriteSnapshot_ThenReopen_ReplaysFromSnapshotLsnAndCompacts()
    {
        await using (var log = AppendLog.Open(_dir.Path, Options))
        {
            await LogTestData.AppendMany(log, 300);
            var segmentsBefore = _dir.Segments().Length;
            await log.WriteSnapshotAsync(200, stream => stream.WriteAsync(LogTestData.Text("state@200")));
            await LogTestData.AppendMany(log, 20, from: 301);

            Assert.True(_dir.Segments().Length < segmentsBefore, "covered segments were deleted");
            Assert.Throws<InvalidOperationException>(() => log.ReadFrom(0));
        }

        await using var reopened = AppendLog.Open(_dir.Path, Options);
        Assert.Equal(320, reopened.LastLsn);
        Assert.Equal(200, reopened.SnapshotLsn);
        Assert.True(reopened.TryOpenLatestSnapshot(out var lsn, out var payload));
        await using (payload)
        {
            Assert.Equal(200, lsn);
            Assert.Equal(LogTestData.Text("state@200"), await ReadToEnd(payload));
        }
        var records = LogTestData.ReadAll(reopened, lsn);
        Assert.Equal(Enumerable.Range(201, 120).Select(i => (long)i), records.Select(r => r.Lsn));
        Assert.All(records, r => Assert.Equal(LogTestData.Payload(r.Lsn), r.Payload));
        // Every remaining segment either reaches past the snapshot or is the active one.
        var firstKept = long.Parse(Path.GetFileNameWithoutExtension(_dir.Segments()[0]), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(firstKept, 2, 201);
    }

    [Fact]
    public async Task TryOpenLatestSnapshot_LargePayload_StreamHasPayloadLengthAndSeeks()
    {
        var state = LogTestData.Payload(7, 3 * 1024 * 1024 + 5);
        await using var log = AppendLog.Open(_dir.Path, Options);
        await LogTestData.AppendMany(log, 3);
        await log.WriteSnapshotAsync(3, async stream =>
        {
            for (var offset = 0; offset < state.Length; offset += 100_000)
                await stream.WriteAsync(state.AsMemory(offset, Math.Min(100_000, state.Length - offset)));
        });

        Assert.True(log.TryOpenLatestSnapshot(out _, out var payload));
        await using (payload)
        {
            Assert.Equal(state.Length, payload.Length);
            Assert.Equal(state, await ReadToEnd(payload));
            payload.Seek(-5, SeekOrigin.End);
            var tail = new byte[10];
            Assert.Equal(5, await payload.ReadAsync(tail));
            Assert.Equal(state[^5..], tail[..5]);
        }
    }

    [Fact]
    public async Task WriteSnapshot_Newer_DeletesOlderSnapshots()
    {
        await using var log = AppendLog.Open(_dir.Path, Options);
        await LogTestData.AppendMany(log, 30);
        await log.WriteSnapshotAsync(10, s => s.WriteAsync(LogTestData.Text("a")));
        await log.WriteSnapshotAsync(20, s => s.WriteAsync(LogTestData.Text("b")));

        Assert.Equal("00000000000000000020.snap", Path.GetFileName(Assert.Single(_dir.Snapshots())));
        Assert.True(log.TryOpenLatestSnapshot(out var lsn, out var payload));
        await using (payload)
            Assert.Equal(LogTestData.Text("b"), await ReadToEnd(payload));
        Assert.Equal(20, lsn);
    }

    [Fact]
    public async Task WriteSnapshot_PastLastLsnOrOlderThanLatest_Throws()
    {
        await using var log = AppendLog.Open(_dir.Path, Options);
        await LogTestData.AppendMany(log, 10);
        await log.WriteSnapshotAsync(8, s => ValueTask.CompletedTask);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.WriteSnapshotAsync(11, s => ValueTask.CompletedTask));
        await Assert.ThrowsAsync<InvalidOperationException>(() => log.WriteSnapshotAsync(5, s => ValueTask.CompletedTask));
    }

    [Fact]
    public async Task WriteSnapshot_WriterThrows_LeavesNoFileBehind()
    {
        await using var log = AppendLog.Open(_dir.Path, Options);
        await LogTestData.AppendMany(log, 10);

        await Assert.ThrowsAsync<InvalidDataException>(() => log.WriteSnapshotAsync(5, s => throw new InvalidDataException()));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.snap*"));
        Assert.False(log.TryOpenLatestSnapshot(out _, out _));
    }

    [Fact]
    public async Task Open_CorruptNewestSnapshotWithLogCoveringGap_FallsBackToOlder()
    {
        await using (var log = AppendLog.Open(_dir.Path, Options))
        {
            await LogTestData.AppendMany(log, 30);
            await log.WriteSnapshotAsync(10, s => s.WriteAsync(LogTestData.Text("ten")));
        }
        // A newer snapshot that rotted on disk (written by hand so compaction did not run).
        var older = Assert.Single(_dir.Snapshots());
        var rotten = Path.Combine(_dir.Path, "00000000000000000025.snap");
        var bytes = await File.ReadAllBytesAsync(older);
        File.WriteAllBytes(rotten, bytes);
        bytes[^1] ^= 1;
        File.WriteAllBytes(rotten, bytes);

        await using var reopened = AppendLog.Open(_dir.Path, Options);
        Assert.Equal(10, reopened.SnapshotLsn);
        Assert.True(File.Exists(rotten + ".corrupt"));
        Assert.True(reopened.TryOpenLatestSnapshot(out _, out var payload));
        await using (payload)
            Assert.Equal(LogTestData.Text("ten"), await ReadToEnd(payload));
        Assert.Equal(20, reopened.ReadFrom(10).Count());
    }

    [Fact]
    public async Task Open_CorruptSnapshotWhoseSegmentsWereCompacted_ThrowsNamingSnapshot()
    {
        string snapshot;
        await using (var log = AppendLog.Open(_dir.Path, Options))
        {
            await LogTestData.AppendMany(log, 300);
            await log.WriteSnapshotAsync(250, s => s.WriteAsync(LogTestData.Text("state")));
            snapshot = Assert.Single(_dir.Snapshots());
        }
        var bytes = await File.ReadAllBytesAsync(snapshot);
        bytes[SnapshotHeader.TotalSize] ^= 0x80;
        await File.WriteAllBytesAsync(snapshot, bytes);

        var error = Assert.Throws<LogCorruptionException>(() => AppendLog.Open(_dir.Path, Options));
        Assert.Equal(snapshot, error.FilePath);
    }

    [Fact]
    public async Task Open_SnapshotAheadOfLog_ContinuesAfterSnapshot()
    {
        await using (var log = AppendLog.Open(_dir.Path, Options))
        {
            await LogTestData.AppendMany(log, 20);
            await log.WriteSnapshotAsync(20, s => s.WriteAsync(LogTestData.Text("x")));
        }
        // Simulate losing the unsynced tail (FsyncPolicy.Never + power loss): records 16-20 gone.
        var segment = _dir.Segments()[^1];
        var bytes = await File.ReadAllBytesAsync(segment);
        long offset = SegmentHeader.TotalSize;
        for (var lsn = 1; lsn <= 15; lsn++)
            offset += RecordHeader.RecordSize(LogTestData.Payload(lsn).Length);
        Assert.Equal("00000000000000000001.log", Path.GetFileName(segment));
        await File.WriteAllBytesAsync(segment, bytes[..(int)offset]);

        await using (var log = AppendLog.Open(_dir.Path, Options))
        {
            Assert.Equal(20, log.LastLsn);
            Assert.Equal(21, await log.AppendAsync(LogTestData.Payload(21)));
            Assert.Equal([21], log.ReadFrom(20).Select(r => r.Lsn));
        }
        await using var reopened = AppendLog.Open(_dir.Path, Options);
        Assert.Equal(21, reopened.LastLsn);
    }

    private static async Task<byte[]> ReadToEnd(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
