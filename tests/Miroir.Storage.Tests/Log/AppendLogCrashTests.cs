using System.Diagnostics;
using System.Globalization;
using Miroir.Storage.CrashHelper;
using Miroir.Storage.Log;

namespace Miroir.Storage.Tests.Log;

/// <summary>Crash drill with a real process: SIGKILL a writer mid-stream, then check every acknowledged record.</summary>
public sealed class AppendLogCrashTests : IDisposable
{
    private const int AcksBeforeKill = 3000;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(FsyncPolicy.Interval)]
    [InlineData(FsyncPolicy.Always)]
    [InlineData(FsyncPolicy.Never)]
    public async Task Kill_MidStream_EveryAcknowledgedRecordSurvivesIntact(FsyncPolicy policy)
    {
        // Two rounds: the second appends after recovering from the first kill.
        var acked = new Dictionary<long, (int Writer, int Seq)>();
        for (var round = 0; round < 2; round++)
        {
            var (readyLsn, acks) = await RunAndKill(policy);
            Assert.True(readyLsn >= acked.Keys.DefaultIfEmpty().Max(), "recovery lost acknowledged records");
            foreach (var (lsn, who) in acks)
                Assert.True(acked.TryAdd(lsn, who), $"LSN {lsn} acknowledged twice");
        }

        await using var log = AppendLog.Open(_dir.Path, new AppendLogOptions { FsyncPolicy = policy });
        var found = 0;
        foreach (var record in log.ReadFrom(0))
        {
            if (!acked.Remove(record.Lsn, out var who))
                continue; // written but the ack line was never printed: allowed
            Assert.Equal(CrashPayload.Create(who.Writer, who.Seq), record.Payload.ToArray());
            found++;
        }
        Assert.Empty(acked);
        Assert.True(found >= 2 * AcksBeforeKill);
    }

    private async Task<(long ReadyLsn, List<(long Lsn, (int, int) Who)> Acks)> RunAndKill(FsyncPolicy policy)
    {
        var helper = Path.Combine(AppContext.BaseDirectory, "Miroir.Storage.CrashHelper.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { helper, "crash", _dir.Path, policy.ToString() })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var acks = new List<(long, (int, int))>();
        long readyLsn = -1;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (acks.Count < AcksBeforeKill)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException("helper exited early: " + await process.StandardError.ReadToEndAsync());
                var parts = line.Split(' ');
                if (parts[0] == "ready")
                    readyLsn = long.Parse(parts[1], CultureInfo.InvariantCulture);
                else
                    acks.Add((long.Parse(parts[1], CultureInfo.InvariantCulture),
                        (int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture))));
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true); // SIGKILL: no flush, no dispose
            await process.WaitForExitAsync();
        }
        // Lines already in the pipe were acknowledged before the kill too; a cut-off last line is not an ack.
        var rest = await process.StandardOutput.ReadToEndAsync();
        var lines = rest.Split('\n');
        foreach (var line in lines[..^1])
        {
            var parts = line.Split(' ');
            if (parts.Length == 4 && parts[0] == "ack")
                acks.Add((long.Parse(parts[1], CultureInfo.InvariantCulture),
                    (int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture))));
        }
        Assert.True(readyLsn >= 0, "helper never reported ready");
        return (readyLsn, acks);
    }
}
