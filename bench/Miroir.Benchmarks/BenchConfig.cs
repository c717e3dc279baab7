using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Validators;

namespace Miroir.Benchmarks;

/// <summary>Shared benchmark configuration: allocation figures always on, unoptimised builds refused.</summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddValidator(JitOptimizationsValidator.FailOnError);
        Add(DefaultConfig.Instance);
    }
}
