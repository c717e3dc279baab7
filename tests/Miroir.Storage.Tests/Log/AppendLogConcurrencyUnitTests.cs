using System.Buffers.Binary;
using Miroir.Storage.Log;

namespace Miroir.Storage.Tests.Log;

public sealed class AppendLogConcurrencyUnitTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(FsyncPolicy.Never)]
    [InlineData(FsyncPolicy.Always)]
    public async Task Append_EightConcurrentWriters_GetDistinctIncreasingLsnsAllReadBack(FsyncPolicy policy)
    {
        const int writers = 8, perWriter = 1000;
        var options = new AppendLogOptions { FsyncPolicy = policy, SegmentBytes = 64 * 1024 };
        var acked = new (long Lsn, int Writer, int Seq)[writers][];
        await using (var log = AppendLog.Open(_dir.Path, options))
        {
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                acked[w] = new (long, int, int)[perWriter];
                var payload = new byte[8];
                for (var seq = 0; seq < perWriter; seq++)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(payload, w);
                    BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(4), seq);
                    acked[w][seq] = (await log.AppendAsync(payload), w, seq);
                }
            })));
            Assert.Equal(writers * perWriter, log.LastLsn);
        }

        // Each writer saw its own LSNs strictly increase, and no LSN was handed out twice.
        foreach (var mine in acked)
            Assert.True(mine.Zip(mine.Skip(1)).All(p => p.First.Lsn < p.Second.Lsn));
        var all = acked.SelectMany(a => a).ToDictionary(a => a.Lsn);
        Assert.Equal(writers * perWriter, all.Count);

        await using var reopened = AppendLog.Open(_dir.Path, options);
        var count = 0;
        foreach (var record in reopened.ReadFrom(0))
        {
            var (_, writer, seq) = all[record.Lsn];
            Assert.Equal(writer, BinaryPrimitives.ReadInt32LittleEndian(record.Payload.Span));
            Assert.Equal(seq, BinaryPrimitives.ReadInt32LittleEndian(record.Payload.Span[4..]));
            count++;
        }
        Assert.Equal(writers * perWriter, count);
    }

    [Fact]
    public async Task ReadFrom_WhileAppending_SeesOnlyAcknowledgedPrefix()
    {
        await using var log = AppendLog.Open(_dir.Path, LogTestData.Fast with { SegmentBytes = 8192 });
        var writer = Task.Run(() => LogTestData.AppendMany(log, 2000));
        while (!writer.IsCompleted)
        {
            var last = log.LastLsn;
            var read = log.ReadFrom(0).Select(r => r.Lsn).ToList();
            Assert.True(read.Count >= last, $"read {read.Count} < LastLsn {last} seen before");
            Assert.Equal(Enumerable.Range(1, read.Count).Select(i => (long)i), read);
            await Task.Delay(1);
        }
        await writer;
    }
}
