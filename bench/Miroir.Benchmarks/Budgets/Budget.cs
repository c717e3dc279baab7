namespace Miroir.Benchmarks.Budgets;

/// <summary>One benchmark case's checked-in budget.</summary>
/// <param name="AllocatedBytes">Most bytes a single operation may allocate; exceeding it fails <c>--check</c>.</param>
/// <param name="GoalNs">The time goal per operation from 05-quality.md, if any; reported, never failed on (timings are noisy here).</param>
public sealed record Budget(long AllocatedBytes, double? GoalNs = null);
