using System.Diagnostics;
using System.Globalization;
using Miroir.Storage.CrashHelper;
using Miroir.Storage.Log;

// Usage:
//   crash <dir> <Always|Interval|Never>  append from 4 writers forever, printing "ack <lsn> <writer> <seq>"
//                                        after each acknowledged append (the test SIGKILLs us).
//   bench <dir> <count>                  append <count> 32-byte records with FsyncPolicy.Never, print timings.
var mode = args[0];
var directory = args[1];
if (mode == "bench")
{
    var count = int.Parse(args[2], CultureInfo.InvariantCulture);
    var payload = new byte[32];
    using (var log = AppendLog.Open(directory, new AppendLogOptions { FsyncPolicy = FsyncPolicy.Never }))
    {
        var watch = Stopwatch.StartNew();
        var pending = new ValueTask<long>[count];
        for (var i = 0; i < count; i++)
            pending[i] = log.AppendAsync(payload);
        foreach (var p in pending)
            await p;
        Console.WriteLine($"pipelined: {count} appends in {watch.ElapsedMilliseconds} ms");
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        watch.Restart();
        for (var i = 0; i < count; i++)
            await log.AppendAsync(payload);
        Console.WriteLine($"sequential awaits: {count} appends in {watch.ElapsedMilliseconds} ms, "
            + $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)count:F1} B allocated per append");
        watch.Restart();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < count / 8; i++)
                await log.AppendAsync(payload);
        })));
        Console.WriteLine($"8 concurrent writers: {count} appends in {watch.ElapsedMilliseconds} ms");
    }
    using (var log = AppendLog.Open(directory, new AppendLogOptions { FsyncPolicy = FsyncPolicy.Never }))
    {
        var watch = Stopwatch.StartNew();
        var n = 0;
        foreach (var record in log.ReadFrom(0))
            n += record.Payload.Length > 0 ? 1 : 0;
        Console.WriteLine($"reopen + replay: {n} records in {watch.ElapsedMilliseconds} ms");
    }
    return 0;
}

var policy = Enum.Parse<FsyncPolicy>(args[2]);
var output = Console.Out;
await using var appendLog = AppendLog.Open(directory, new AppendLogOptions { FsyncPolicy = policy, SegmentBytes = 64 * 1024 });
output.WriteLine("ready " + appendLog.LastLsn.ToString(CultureInfo.InvariantCulture));
output.Flush();
await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
{
    for (var seq = 0; ; seq++)
    {
        var lsn = await appendLog.AppendAsync(CrashPayload.Create(writer, seq));
        lock (output)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ack {lsn} {writer} {seq}"));
            output.Flush();
        }
    }
})));
return 0;
