using BenchmarkDotNet.Running;
using Miroir.Benchmarks;
using Miroir.Benchmarks.Budgets;

// Pick benchmarks with --filter, e.g.: dotnet run -c Release --project bench/Miroir.Benchmarks -- --filter '*Merging*'
// Add --check to compare allocations per operation with bench/budgets.json (exit 1 when over).
var check = args.Contains("--check");
var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run([.. args.Where(a => a != "--check")], new BenchConfig());
return check ? BudgetCheck.Run(summaries, BudgetCheck.Locate(), Console.Out) : 0;
