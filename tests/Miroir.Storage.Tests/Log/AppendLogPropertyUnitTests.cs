using CsCheck;
using Miroir.Storage.Log;

namespace Miroir.Storage.Tests.Log;

public sealed class AppendLogPropertyUnitTests
{
    [Fact]
    public void AppendAndReopen_RandomPayloadSizes_RoundTrip()
    {
        var payloads = Gen.Byte.Array[0, 3000].Array[1, 40];
        payloads.Sample(batch =>
        {
            using var dir = new TempDirectory();
            using (var log = AppendLog.Open(dir.Path, LogTestData.Fast with { SegmentBytes = 4096, MaxRecordBytes = 3000 }))
            {
                // Half queued together (one group), half one by one.
                var half = batch.Length / 2;
                var together = batch[..half].Select(p => log.AppendAsync(p).AsTask()).ToArray();
                Task.WaitAll(together);
                foreach (var p in batch[half..])
                    log.AppendAsync(p).AsTask().GetAwaiter().GetResult();
            }
            using var reopened = AppendLog.Open(dir.Path, LogTestData.Fast);
            var records = LogTestData.ReadAll(reopened);
            return records.Count == batch.Length
                && records.Select((r, i) => r.Lsn == i + 1 && r.Payload.AsSpan().SequenceEqual(batch[i])).All(ok => ok);
        }, iter: 40);
    }
}
