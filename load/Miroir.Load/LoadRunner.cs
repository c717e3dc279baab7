using System.Diagnostics;

namespace Miroir.Load;

/// <summary>
/// Drives an operation in a closed model (N clients back to back) or an open model (constant arrival rate per
/// phase, latency measured from the intended send time so queueing inside the target is never hidden).
/// </summary>
internal static class LoadRunner
{
    public static async Task<PhaseResult> RunClosedAsync(int concurrency, TimeSpan duration, Func<long, Task<Outcome>> operation)
    {
        var result = new PhaseResult($"closed, {concurrency} clients");
        var clock = Stopwatch.StartNew();
        var next = -1L;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var start = clock.ElapsedTicks;
                var outcome = await operation(Interlocked.Increment(ref next));
                result.Record(outcome, (clock.ElapsedTicks - start) * 1_000_000 / Stopwatch.Frequency);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        result.Elapsed = clock.Elapsed;
        return result;
    }

    public static async Task<List<PhaseResult>> RunOpenAsync(IReadOnlyList<Phase> phases, Func<long, Task<Outcome>> operation)
    {
        var results = new List<PhaseResult>(phases.Count);
        var sequence = 0L;
        foreach (var phase in phases)
        {
            var result = new PhaseResult($"{phase.Name}, open {phase.Rate}/s");
            var clock = Stopwatch.StartNew();
            var interval = TimeSpan.FromSeconds(1.0 / phase.Rate);
            var inflight = new List<Task>();
            for (long n = 0; ; n++)
            {
                var intended = interval * n;
                if (intended >= phase.Duration)
                {
                    break;
                }

                var wait = intended - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait);
                }

                var id = sequence++;
                inflight.Add(Task.Run(async () =>
                {
                    var outcome = await operation(id);
                    result.Record(outcome, (long)(clock.Elapsed - intended).TotalMicroseconds);
                }));
            }

            await Task.WhenAll(inflight);
            result.Elapsed = clock.Elapsed;
            results.Add(result);
        }

        return results;
    }
}
