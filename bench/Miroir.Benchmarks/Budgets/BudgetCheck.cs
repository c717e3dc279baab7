using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Reports;

namespace Miroir.Benchmarks.Budgets;

/// <summary>
/// Compares a run's allocations per operation with <c>bench/budgets.json</c>. Allocation figures are exact
/// whatever the machine's load, so they gate; time goals are only printed beside the measured mean.
/// </summary>
public static class BudgetCheck
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The key of a case in the budget file: <c>Type.Method [Param=Value, …]</c>.</summary>
    public static string KeyOf(BenchmarkReport report)
    {
        var descriptor = report.BenchmarkCase.Descriptor;
        var parameters = report.BenchmarkCase.Parameters.DisplayInfo;
        var key = $"{descriptor.Type.Name}.{descriptor.WorkloadMethod.Name}";
        return string.IsNullOrEmpty(parameters) ? key : $"{key} {parameters}";
    }

    /// <summary>Prints every case against its budget; returns 0 when all are within, 1 otherwise.</summary>
    public static int Run(IEnumerable<Summary> summaries, string budgetPath, TextWriter output)
    {
        var budgets = JsonSerializer.Deserialize<Dictionary<string, Budget>>(File.ReadAllText(budgetPath), Json)
            ?? throw new InvalidDataException($"{budgetPath} holds no budgets.");
        var failures = 0;
        output.WriteLine($"{"benchmark",-90} {"allocated",12} {"budget",10} {"mean",12} {"goal",10}");
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            var key = KeyOf(report);
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            var mean = report.ResultStatistics?.Mean;
            if (!budgets.TryGetValue(key, out var budget))
            {
                failures++;
                output.WriteLine($"{key,-90} {Bytes(allocated),12} {"NONE",10}  ✘ no budget checked in");
                continue;
            }

            if (allocated is null)
            {
                failures++;
                output.WriteLine($"{key,-90} {"?",12} {Bytes(budget.AllocatedBytes),10}  ✘ no result (the case failed to build or run)");
                continue;
            }

            var over = allocated > budget.AllocatedBytes;
            failures += over ? 1 : 0;
            var goal = budget.GoalNs is { } g ? $"{Ns(g),10} {(mean <= g ? "✔" : "✘")}" : "";
            output.WriteLine($"{key,-90} {Bytes(allocated),12} {Bytes(budget.AllocatedBytes),10} {(mean is { } m ? Ns(m) : "?"),12} {goal} {(over ? " ✘ OVER BUDGET" : "")}");
        }

        output.WriteLine(failures == 0 ? "All allocation budgets met." : $"{failures} case(s) over budget or without one ({budgetPath}).");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Finds <c>bench/budgets.json</c> from the working directory upwards (runs start in the repo or in bench/).</summary>
    public static string Locate()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "bench", "budgets.json"), Path.Combine(dir.FullName, "budgets.json") })
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException("bench/budgets.json not found above " + Directory.GetCurrentDirectory());
    }

    private static string Bytes(long? bytes) => bytes is { } b ? b.ToString("N0", CultureInfo.InvariantCulture) + " B" : "?";

    private static string Ns(double ns) => ns switch
    {
        >= 1_000_000 => (ns / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        >= 1_000 => (ns / 1_000).ToString("0.0", CultureInfo.InvariantCulture) + " µs",
        _ => ns.ToString("0.0", CultureInfo.InvariantCulture) + " ns",
    };
}
