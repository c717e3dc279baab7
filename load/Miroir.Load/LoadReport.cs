using HdrHistogram;

namespace Miroir.Load;

/// <summary>Prints phase results with percentiles per operation kind and the target process's CPU per operation.</summary>
internal static class LoadReport
{
    public static int Print(IReadOnlyList<PhaseResult> phases, double? targetCpuMicros, long? targetRssKb)
    {
        long operations = 0;
        long errors = 0;
        foreach (var phase in phases)
        {
            Console.WriteLine($"== {phase.Name}: {phase.TotalCount} operations in {phase.Elapsed.TotalSeconds:F1} s ({phase.TotalCount / phase.Elapsed.TotalSeconds:F0}/s)");
            foreach (var operation in Enum.GetValues<Operation>())
            {
                var count = phase.Count(operation);
                if (count == 0)
                {
                    continue;
                }

                var h = phase.Latency(operation);
                Console.WriteLine($"{operation.ToString().ToLowerInvariant(),-8} n={count,-8} errors={phase.Errors(operation),-5} "
                    + $"p50={Ms(h.GetValueAtPercentile(50))} p90={Ms(h.GetValueAtPercentile(90))} p99={Ms(h.GetValueAtPercentile(99))} "
                    + $"p99.9={Ms(h.GetValueAtPercentile(99.9))} max={Ms(h.GetMaxValue())}");
            }

            operations += phase.TotalCount;
            errors += phase.TotalErrors;
        }

        if (targetCpuMicros is { } cpu && operations > 0)
        {
            Console.WriteLine($"target CPU       {cpu / operations:F1} µs/operation ({cpu / 1e6:F2} s for {operations})");
        }

        if (targetRssKb is { } rss)
        {
            Console.WriteLine($"target RSS       {rss / 1024} MB");
        }

        return errors == 0 ? 0 : 1;
    }

    private static string Ms(long micros) => $"{micros / 1000.0:F3}ms";
}
