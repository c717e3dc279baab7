using Miroir.Storage.Log;

namespace Miroir.Storage.Tests.Log;

public sealed class AppendLogUnitTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(FsyncPolicy.Always)]
    [InlineData(FsyncPolicy.Interval)]
    [InlineData(FsyncPolicy.Never)]
    public async Task Append_ThenRead_ReturnsRecordsInOrder(FsyncPolicy policy)
    {
        await using var log = AppendLog.Open(_dir.Path, new AppendLogOptions { FsyncPolicy = policy, FsyncIntervalMs = 5 });
        var lsns = await LogTestData.AppendMany(log, 50);

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), lsns);
        Assert.Equal(50, log.LastLsn);
        var records = LogTestData.ReadAll(log);
        Assert.Equal(lsns, records.Select(r => r.Lsn));
        Assert.All(records, r => Assert.Equal(LogTestData.Payload(r.Lsn), r.Payload));
    }

    [Fact]
    public async Task ReadFrom_MiddleLsn_SkipsEarlierRecords()
    {
        await using var log = AppendLog.Open(_dir.Path, LogTestData.Fast);
        await LogTestData.AppendMany(log, 20);

        Assert.Equal(Enumerable.Range(13, 8).Select(i => (long)i), log.ReadFrom(12).Select(r => r.Lsn));
        Assert.Empty(log.ReadFrom(20));
        Assert.Empty(log.ReadFrom(99));
    }

    [Fact]
    public async Task Reopen_AfterDispose_KeepsRecordsAndContinuesLsns()
    {
        await using (var log = AppendLog.Open(_dir.Path, LogTestData.Fast))
            await LogTestData.AppendMany(log, 10);

        await using (var log = AppendLog.Open(_dir.Path, LogTestData.Fast))
        {
            Assert.Equal(10, log.LastLsn);
            Assert.Equal(11, await log.AppendAsync(LogTestData.Payload(11)));
        }

        await using var reopened = AppendLog.Open(_dir.Path, LogTestData.Fast);
        var records = LogTestData.ReadAll(reopened);
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), records.Select(r => r.Lsn));
        Assert.All(records, r => Assert.Equal(LogTestData.Payload(r.Lsn), r.Payload));
    }

    [Fact]
    public async Task Open_EmptyDirectory_StartsAtLsnZero()
    {
        await using var log = AppendLog.Open(Path.Combine(_dir.Path, "nested", "log"), LogTestData.Fast);

        Assert.Equal(0, log.LastLsn);
        Assert.Empty(log.ReadFrom(0));
        Assert.False(log.TryOpenLatestSnapshot(out _, out _));
    }

    [Fact]
    public async Task Append_EmptyPayload_RoundTrips()
    {
        await using var log = AppendLog.Open(_dir.Path, LogTestData.Fast);
        await log.AppendAsync(ReadOnlyMemory<byte>.Empty);
        await log.AppendAsync(LogTestData.Payload(2, 3));

        var records = LogTestData.ReadAll(log);
        Assert.Empty(records[0].Payload);
        Assert.Equal(LogTestData.Payload(2, 3), records[1].Payload);
    }

    [Fact]
    public async Task Append_PayloadOverMaxRecordBytes_ThrowsAndWritesNothing()
    {
        await using var log = AppendLog.Open(_dir.Path, LogTestData.Fast with { MaxRecordBytes = 100 });
        await log.AppendAsync(new byte[100]);

        var error = Assert.Throws<ArgumentException>(() => log.AppendAsync(new byte[101]));
        Assert.Contains("MaxRecordBytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, log.LastLsn);
        Assert.Equal(2, await log.AppendAsync(new byte[1]));
    }

    [Fact]
    public async Task Append_CancelledToken_IsNotWritten()
    {
        await using var log = AppendLog.Open(_dir.Path, LogTestData.Fast);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => log.AppendAsync(new byte[1], cts.Token).AsTask());
        Assert.Equal(1, await log.AppendAsync(new byte[1]));
    }

    [Fact]
    public async Task Append_AfterDispose_ThrowsObjectDisposed()
    {
        var log = AppendLog.Open(_dir.Path, LogTestData.Fast);
        await log.DisposeAsync();
        log.Dispose(); // idempotent

        Assert.Throws<ObjectDisposedException>(() => log.AppendAsync(new byte[1]));
        Assert.Throws<ObjectDisposedException>(() => log.ReadFrom(0));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.WriteSnapshotAsync(1, _ => ValueTask.CompletedTask));
    }

    [Fact]
    public async Task Dispose_WithAppendsInFlight_WritesThemAll()
    {
        List<Task<long>> pending;
        await using (var log = AppendLog.Open(_dir.Path, LogTestData.Fast))
            pending = [.. Enumerable.Range(1, 500).Select(i => log.AppendAsync(LogTestData.Payload(i)).AsTask())];

        var lsns = await Task.WhenAll(pending);
        await using var reopened = AppendLog.Open(_dir.Path, LogTestData.Fast);
        Assert.Equal(500, reopened.LastLsn);
        Assert.Equal(lsns.Order(), LogTestData.ReadAll(reopened).Select(r => r.Lsn));
    }

    [Fact]
    public async Task Open_DirectoryAlreadyOpen_ThrowsUntilFirstIsDisposed()
    {
        var first = AppendLog.Open(_dir.Path, LogTestData.Fast);
        await first.AppendAsync(new byte[1]);

        var error = Assert.Throws<IOException>(() => AppendLog.Open(_dir.Path, LogTestData.Fast));
        Assert.Contains("already open", error.Message, StringComparison.Ordinal);

        await first.DisposeAsync();
        await using var second = AppendLog.Open(_dir.Path, LogTestData.Fast);
        Assert.Equal(1, second.LastLsn);
    }

    [Fact]
    public void Open_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AppendLog.Open(_dir.Path, new AppendLogOptions { SegmentBytes = 10 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => AppendLog.Open(_dir.Path, new AppendLogOptions { FsyncIntervalMs = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => AppendLog.Open(_dir.Path, new AppendLogOptions { MaxRecordBytes = -1 }));
    }

    [Fact]
    public async Task ReadFrom_NegativeLsn_Throws()
    {
        await using var log = AppendLog.Open(_dir.Path, LogTestData.Fast);
        Assert.Throws<ArgumentOutOfRangeException>(() => log.ReadFrom(-1));
    }
}
