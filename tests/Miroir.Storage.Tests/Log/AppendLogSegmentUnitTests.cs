using Miroir.Storage.Log;

namespace Miroir.Storage.Tests.Log;

public sealed class AppendLogSegmentUnitTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Append_PastSegmentBytes_RollsSegmentsNamedByFirstLsn()
    {
        var options = LogTestData.Fast with { SegmentBytes = 4096 };
        await using (var log = AppendLog.Open(_dir.Path, options))
            await LogTestData.AppendMany(log, 300);

        var segments = _dir.Segments();
        Assert.True(segments.Length > 3, $"{segments.Length} segments");
        Assert.Equal("00000000000000000001.log", Path.GetFileName(segments[0]));
        foreach (var segment in segments[..^1])
            Assert.InRange(new FileInfo(segment).Length, 1, 4096);

        await using var reopened = AppendLog.Open(_dir.Path, options);
        var records = LogTestData.ReadAll(reopened);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), records.Select(r => r.Lsn));
        Assert.All(records, r => Assert.Equal(LogTestData.Payload(r.Lsn), r.Payload));
        // Each segment's name is the LSN of its first record.
        long expectedFirst = 1;
        foreach (var segment in segments)
        {
            Assert.Equal(expectedFirst, long.Parse(Path.GetFileNameWithoutExtension(segment), System.Globalization.CultureInfo.InvariantCulture));
            var bytes = await File.ReadAllBytesAsync(segment);
            var offset = SegmentHeader.TotalSize;
            while (offset < bytes.Length)
            {
                var header = RecordHeader.Read(bytes.AsSpan(offset));
                Assert.Equal(expectedFirst++, header.Lsn);
                offset += (int)RecordHeader.RecordSize(header.Length);
            }
        }
    }

    [Fact]
    public async Task Append_RecordLargerThanSegment_GetsItsOwnSegment()
    {
        var options = LogTestData.Fast with { SegmentBytes = 4096 };
        await using (var log = AppendLog.Open(_dir.Path, options))
        {
            await log.AppendAsync(LogTestData.Payload(1, 10));
            await log.AppendAsync(LogTestData.Payload(2, 10_000));
            await log.AppendAsync(LogTestData.Payload(3, 10));
        }

        Assert.Equal(3, _dir.Segments().Length);
        await using var reopened = AppendLog.Open(_dir.Path, options);
        Assert.Equal(10_000, reopened.ReadFrom(1).First().Payload.Length);
        Assert.Equal(LogTestData.Payload(3, 10), reopened.ReadFrom(2).Single().Payload.ToArray());
    }

    [Fact]
    public async Task ReadFrom_LsnInLaterSegment_StartsThere()
    {
        await using var log = AppendLog.Open(_dir.Path, LogTestData.Fast with { SegmentBytes = 4096 });
        await LogTestData.AppendMany(log, 300);

        Assert.Equal(Enumerable.Range(251, 50).Select(i => (long)i), log.ReadFrom(250).Select(r => r.Lsn));
    }
}
