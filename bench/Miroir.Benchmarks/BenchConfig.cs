using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Validators;

namespace Miroir.Benchmarks;

/// <summary>Shared benchmark configuration: allocation figures always on, unoptimised builds refused, a patient build timeout.</summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddValidator(JitOptimizationsValidator.FailOnError);
        Add(DefaultConfig.Instance);

        // The generated project builds slowly on a loaded 2-core machine; the default 2 minutes is not enough.
        WithBuildTimeout(TimeSpan.FromMinutes(10));
    }
}
