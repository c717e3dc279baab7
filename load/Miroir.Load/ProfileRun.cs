using System.Diagnostics;

namespace Miroir.Load;

/// <summary>
/// What every profile shares: warm-up, the load model from the command line (closed <c>--concurrency N</c>,
/// open <c>--rate R</c>, or a spike <c>--rate R --spike-rate S [--spike-duration D]</c>), the target's CPU
/// from /proc (<c>--pid</c>) and the report.
/// </summary>
internal static class ProfileRun
{
    public static async Task<int> RunAsync(CommandLine options, Func<long, Task<Outcome>> operation)
    {
        var warm = Stopwatch.StartNew();
        for (var i = 0L; warm.Elapsed < TimeSpan.FromSeconds(options.GetInt("warmup", 3)); i++)
        {
            await operation(i);
        }

        var pid = options.Get("pid") is { } p ? int.Parse(p) : (int?)null;
        var duration = TimeSpan.FromSeconds(options.GetInt("duration", 20));
        var rate = options.GetInt("rate", 0);
        var spikeRate = options.GetInt("spike-rate", 0);
        var cpuBefore = ProcessCpu.ReadMicros(pid);
        List<PhaseResult> phases;
        if (rate > 0 && spikeRate > 0)
        {
            var spike = TimeSpan.FromSeconds(options.GetInt("spike-duration", 5));
            phases = await LoadRunner.RunOpenAsync(
                [new Phase("before", rate, duration), new Phase("spike", spikeRate, spike), new Phase("after", rate, duration)], operation);
        }
        else if (rate > 0)
        {
            phases = await LoadRunner.RunOpenAsync([new Phase("steady", rate, duration)], operation);
        }
        else
        {
            phases = [await LoadRunner.RunClosedAsync(options.GetInt("concurrency", 1), duration, operation)];
        }

        var cpu = ProcessCpu.ReadMicros(pid) - cpuBefore;
        return LoadReport.Print(phases, cpu, ProcessCpu.ReadRssKb(pid));
    }
}
