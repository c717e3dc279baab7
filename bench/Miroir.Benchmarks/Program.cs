using BenchmarkDotNet.Running;
using Miroir.Benchmarks;

// Pick benchmarks with --filter, e.g.: dotnet run -c Release --project bench/Miroir.Benchmarks -- --filter '*Merging*'
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, new BenchConfig());
