using Miroir.Core.Configuration;

namespace Miroir.Core.Tests.Configuration;

/// <summary>The <c>hedging</c> (spec §13.2) and <c>replica_selection</c> (§13.3) sections: defaults, binding, validation that names the key.</summary>
public sealed class ReadTailConfigUnitTests
{
    private static ConfigLoadResult Load(string yaml, params (string Name, string Value)[] env) =>
        MiroirConfigLoader.Load(yaml + ConfigTestData.ThreeNodes, env.ToDictionary(e => e.Name, e => e.Value));

    [Fact]
    public void Load_Absent_SpecDefaults()
    {
        var config = Load("").GetValidConfig();
        var (h, s) = (config.Hedging, config.ReplicaSelection);

        Assert.Equal((true, 1.2, 15, 2, true, 10), (h.Enabled, h.P95TriggerMultiplier, h.MinTriggerMs, h.MaxHedgesPerQuery, h.CrossGroupFallback, h.BudgetPercent));
        Assert.Equal((ReplicaStrategy.Adaptive, 10.0, 0.05), (s.Strategy, s.ErrorWeight, s.ExplorationEpsilon));
    }

    [Fact]
    public void Load_YamlSections_BindEveryKey()
    {
        var config = Load("""
            hedging:
              enabled: false
              p95_trigger_multiplier: 1.5
              min_trigger_ms: 40
              max_hedges_per_query: 1
              cross_group_fallback: false
              budget_percent: 5
            replica_selection:
              strategy: round_robin
              error_weight: 2.5
              exploration_epsilon: 0.1
            """ + "\n").GetValidConfig();
        var (h, s) = (config.Hedging, config.ReplicaSelection);

        Assert.Equal((false, 1.5, 40, 1, false, 5), (h.Enabled, h.P95TriggerMultiplier, h.MinTriggerMs, h.MaxHedgesPerQuery, h.CrossGroupFallback, h.BudgetPercent));
        Assert.Equal((ReplicaStrategy.RoundRobin, 2.5, 0.1), (s.Strategy, s.ErrorWeight, s.ExplorationEpsilon));
    }

    [Fact]
    public void Load_EnvironmentOverrides_BeatTheFile()
    {
        var config = Load("hedging: { min_trigger_ms: 20 }\n",
            ("MIROIR_HEDGING_MIN_TRIGGER_MS", "50"), ("MIROIR_HEDGING_P95_TRIGGER_MULTIPLIER", "2"),
            ("MIROIR_REPLICA_SELECTION_STRATEGY", "random")).GetValidConfig();

        Assert.Equal((50, 2.0, ReplicaStrategy.Random), (config.Hedging.MinTriggerMs, config.Hedging.P95TriggerMultiplier, config.ReplicaSelection.Strategy));
    }

    [Theory]
    [InlineData("hedging: { p95_trigger_multiplier: 0.9 }\n", "hedging.p95_trigger_multiplier", "must be between 1 and 100, got 0.9")]
    [InlineData("hedging: { p95_trigger_multiplier: fast }\n", "hedging.p95_trigger_multiplier", "expected a number, got 'fast'")]
    [InlineData("hedging: { p95_trigger_multiplier: NaN }\n", "hedging.p95_trigger_multiplier", "must be between 1 and 100")]
    [InlineData("hedging: { min_trigger_ms: 0 }\n", "hedging.min_trigger_ms", "must be at least 1, got 0")]
    [InlineData("hedging: { max_hedges_per_query: -1 }\n", "hedging.max_hedges_per_query", "must be at least 0, got -1")]
    [InlineData("hedging: { budget_percent: 101 }\n", "hedging.budget_percent", "must be between 0 and 100, got 101")]
    [InlineData("hedging: { enabled: sometimes }\n", "hedging.enabled", "expected true or false, got 'sometimes'")]
    [InlineData("replica_selection: { strategy: fastest }\n", "replica_selection.strategy", "must be adaptive or round_robin or random, got 'fastest'")]
    [InlineData("replica_selection: { error_weight: -1 }\n", "replica_selection.error_weight", "must be between 0 and 1000, got -1")]
    [InlineData("replica_selection: { exploration_epsilon: 0 }\n", "replica_selection.exploration_epsilon", "must be above 0")]
    [InlineData("replica_selection: { exploration_epsilon: 0.6 }\n", "replica_selection.exploration_epsilon", "got 0.6")]
    [InlineData("replica_selection: { latency_weight: 1.0 }\n", "replica_selection.latency_weight", "")]
    public void Load_InvalidValue_NamesKey(string yaml, string key, string message)
    {
        var error = Assert.Single(Load(yaml).Errors);

        Assert.Equal(key, error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
