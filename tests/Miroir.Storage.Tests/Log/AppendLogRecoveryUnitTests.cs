using Miroir.Storage.Log;

namespace Miroir.Storage.Tests.Log;

public sealed class AppendLogRecoveryUnitTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Open_TornLastRecordAtEveryByte_RecoversEarlierRecordsAndAppendsAfterThem()
    {
        await using (var log = AppendLog.Open(_dir.Path, LogTestData.Fast))
            await LogTestData.AppendMany(log, 5);
        var segment = Assert.Single(_dir.Segments());
        var full = await File.ReadAllBytesAsync(segment);
        var lastRecordSize = (int)RecordHeader.RecordSize(LogTestData.Payload(5).Length);
        var lastRecordStart = full.Length - lastRecordSize;

        for (var cut = lastRecordStart; cut < full.Length; cut++)
        {
            await File.WriteAllBytesAsync(segment, full[..cut]);
            await using (var log = AppendLog.Open(_dir.Path, LogTestData.Fast))
            {
                Assert.Equal(4, log.LastLsn);
                Assert.Equal(5, await log.AppendAsync(LogTestData.Text("again")));
            }
            await using (var log = AppendLog.Open(_dir.Path, LogTestData.Fast))
            {
                var records = LogTestData.ReadAll(log);
                Assert.Equal([1, 2, 3, 4, 5], records.Select(r => r.Lsn));
                Assert.All(records.Take(4), r => Assert.Equal(LogTestData.Payload(r.Lsn), r.Payload));
                Assert.Equal(LogTestData.Text("again"), records[4].Payload);
            }
        }
    }

    [Fact]
    public async Task Open_SegmentBuiltFromTheDocumentedLayout_ReadsBack()
    {
        // Guards docs/dev/log-record-layout.md: bytes laid out by hand must be what the log reads.
        var builder = new SegmentBuilder(1);
        builder.Add(1, LogTestData.Text("one"), groupOffset: 0);
        builder.Add(2, LogTestData.Text("two!"), groupOffset: 0);
        builder.Add(3, [], groupOffset: 1);
        var bytes = builder.ToArray();
        Assert.Equal([(byte)'M', (byte)'R', (byte)'L', (byte)'G'], bytes[..4]);
        Assert.Equal(24 + 32 + 32 + 24, bytes.Length); // headers 24 each, payloads padded to 8
        await File.WriteAllBytesAsync(Path.Combine(_dir.Path, "00000000000000000001.log"), bytes);

        await using var log = AppendLog.Open(_dir.Path, LogTestData.Fast);
        var records = LogTestData.ReadAll(log);
        Assert.Equal([1, 2, 3], records.Select(r => r.Lsn));
        Assert.Equal(LogTestData.Text("two!"), records[1].Payload);
        Assert.Empty(records[2].Payload);
    }

    [Fact]
    public async Task Open_GarbageAfterLastRecord_IsTruncated()
    {
        await using (var log = AppendLog.Open(_dir.Path, LogTestData.Fast))
            await LogTestData.AppendMany(log, 3);
        var segment = Assert.Single(_dir.Segments());
        var length = new FileInfo(segment).Length;
        await using (var file = new FileStream(segment, FileMode.Append))
            file.Write(Enumerable.Repeat((byte)0xAB, 100).ToArray());

        await using var reopened = AppendLog.Open(_dir.Path, LogTestData.Fast);
        Assert.Equal(3, reopened.LastLsn);
        Assert.Equal(length, new FileInfo(segment).Length);
    }

    [Fact]
    public async Task Open_BitFlipInMiddleRecord_ThrowsNamingFileAndOffset()
    {
        await using (var log = AppendLog.Open(_dir.Path, LogTestData.Fast))
            await LogTestData.AppendMany(log, 10);
        var segment = Assert.Single(_dir.Segments());
        var bytes = await File.ReadAllBytesAsync(segment);
        var fifth = RecordOffset(5);
        bytes[fifth + RecordHeader.TotalSize + 1] ^= 0x04;
        await File.WriteAllBytesAsync(segment, bytes);

        var error = Assert.Throws<LogCorruptionException>(() => AppendLog.Open(_dir.Path, LogTestData.Fast));
        Assert.Equal(segment, error.FilePath);
        Assert.Equal(fifth, error.Offset);
        Assert.Contains(segment, error.Message, StringComparison.Ordinal);
        Assert.Equal(bytes.Length, new FileInfo(segment).Length); // nothing was truncated
    }

    [Fact]
    public async Task Open_CorruptLengthInMiddleRecord_Throws()
    {
        await using (var log = AppendLog.Open(_dir.Path, LogTestData.Fast))
            await LogTestData.AppendMany(log, 10);
        var segment = Assert.Single(_dir.Segments());
        var bytes = await File.ReadAllBytesAsync(segment);
        bytes[RecordOffset(3) + 16] = 0xFF; // length field

        await File.WriteAllBytesAsync(segment, bytes);

        Assert.Throws<LogCorruptionException>(() => AppendLog.Open(_dir.Path, LogTestData.Fast));
    }

    [Fact]
    public async Task Open_CorruptRecordInSealedSegment_Throws()
    {
        await using (var log = AppendLog.Open(_dir.Path, LogTestData.Fast with { SegmentBytes = 4096 }))
            await LogTestData.AppendMany(log, 200);
        var segments = _dir.Segments();
        Assert.True(segments.Length > 2);
        // The last record of a sealed segment: only a tail record, but not in the last segment.
        var sealedSegment = segments[^2];
        var bytes = await File.ReadAllBytesAsync(sealedSegment);
        var last = SegmentHeader.TotalSize;
        while (last + RecordHeader.RecordSize(RecordHeader.Read(bytes.AsSpan(last)).Length) < bytes.Length)
            last += (int)RecordHeader.RecordSize(RecordHeader.Read(bytes.AsSpan(last)).Length);
        bytes[last + 8] ^= 0x10; // the LSN field of the segment's last record
        await File.WriteAllBytesAsync(sealedSegment, bytes);

        var error = Assert.Throws<LogCorruptionException>(() => AppendLog.Open(_dir.Path, LogTestData.Fast));
        Assert.Equal(sealedSegment, error.FilePath);
    }

    [Fact]
    public async Task Open_TornSealedSegment_Throws()
    {
        await using (var log = AppendLog.Open(_dir.Path, LogTestData.Fast with { SegmentBytes = 4096 }))
            await LogTestData.AppendMany(log, 200);
        var sealedSegment = _dir.Segments()[0];
        var bytes = await File.ReadAllBytesAsync(sealedSegment);
        await File.WriteAllBytesAsync(sealedSegment, bytes[..^5]);

        Assert.Throws<LogCorruptionException>(() => AppendLog.Open(_dir.Path, LogTestData.Fast));
    }

    [Fact]
    public async Task Open_MissingMiddleSegment_ThrowsGap()
    {
        await using (var log = AppendLog.Open(_dir.Path, LogTestData.Fast with { SegmentBytes = 4096 }))
            await LogTestData.AppendMany(log, 200);
        File.Delete(_dir.Segments()[1]);

        var error = Assert.Throws<LogCorruptionException>(() => AppendLog.Open(_dir.Path, LogTestData.Fast));
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_LastSegmentWithTornHeader_IsRecreated()
    {
        await using (var log = AppendLog.Open(_dir.Path, LogTestData.Fast))
            await LogTestData.AppendMany(log, 3);
        // A crash right after creating the next segment, before its header was complete.
        var next = Path.Combine(_dir.Path, "00000000000000000004.log");
        await File.WriteAllBytesAsync(next, new byte[7]);

        await using (var log = AppendLog.Open(_dir.Path, LogTestData.Fast))
        {
            Assert.Equal(3, log.LastLsn);
            Assert.Equal(4, await log.AppendAsync(LogTestData.Payload(4)));
        }
        await using var reopened = AppendLog.Open(_dir.Path, LogTestData.Fast);
        Assert.Equal([1, 2, 3, 4], reopened.ReadFrom(0).Select(r => r.Lsn));
    }

    [Theory]
    [InlineData(true, 4)]
    [InlineData(false, -1)]
    public async Task Open_DamagedRecordFollowedByIntactOne_TruncatesOnlyWithinOneWriteGroup(bool sameGroup, long expectedLastLsn)
    {
        // Records 1-3 are single-record groups; 4-6 were written either as one group (a power
        // loss may persist 4 and 6 but not 5) or as three groups (then 5 was fsynced before 6 was written).
        var segment = Path.Combine(_dir.Path, "00000000000000000001.log");
        var builder = new SegmentBuilder(1);
        for (var lsn = 1; lsn <= 6; lsn++)
            builder.Add(lsn, LogTestData.Payload(lsn), groupOffset: sameGroup && lsn > 4 ? (uint)(lsn - 4) : 0);
        var bytes = builder.ToArray();
        bytes[builder.OffsetOf(5) + RecordHeader.TotalSize] ^= 0xFF;
        await File.WriteAllBytesAsync(segment, bytes);

        if (expectedLastLsn < 0)
        {
            var error = Assert.Throws<LogCorruptionException>(() => AppendLog.Open(_dir.Path, LogTestData.Fast));
            Assert.Equal(builder.OffsetOf(5), error.Offset);
            Assert.Contains("later write group", error.Message, StringComparison.Ordinal);
            return;
        }
        await using var log = AppendLog.Open(_dir.Path, LogTestData.Fast);
        Assert.Equal(expectedLastLsn, log.LastLsn);
        Assert.Equal(builder.OffsetOf(5), new FileInfo(segment).Length);
    }

    [Fact]
    public async Task ReadFrom_RecordCorruptedAfterOpen_Throws()
    {
        await using var log = AppendLog.Open(_dir.Path, LogTestData.Fast);
        await LogTestData.AppendMany(log, 5);
        var segment = Assert.Single(_dir.Segments());
        await using (var file = new FileStream(segment, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.Position = RecordOffset(2) + RecordHeader.TotalSize;
            file.WriteByte(0xEE);
        }

        var error = Assert.Throws<LogCorruptionException>(() => log.ReadFrom(0).Count());
        Assert.Equal(RecordOffset(2), error.Offset);
    }

    /// <summary>File offset of record <paramref name="lsn"/> in a first segment of <see cref="LogTestData.Payload(long,int)"/> records.</summary>
    private static long RecordOffset(long lsn)
    {
        long offset = SegmentHeader.TotalSize;
        for (var i = 1; i < lsn; i++)
            offset += RecordHeader.RecordSize(LogTestData.Payload(i).Length);
        return offset;
    }
}
