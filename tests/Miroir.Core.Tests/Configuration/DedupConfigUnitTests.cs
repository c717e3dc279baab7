using Miroir.Core.Configuration;

namespace Miroir.Core.Tests.Configuration;

/// <summary>The <c>idempotency</c> and <c>query_coalescing</c> sections (spec §13.10): defaults, binding, validation that names the key.</summary>
public sealed class DedupConfigUnitTests
{
    private static ConfigLoadResult Load(string yaml, params (string Name, string Value)[] env) =>
        MiroirConfigLoader.Load(yaml + ConfigTestData.ThreeNodes, env.ToDictionary(e => e.Name, e => e.Value));

    [Fact]
    public void Load_Absent_SpecDefaults()
    {
        var config = Load("").GetValidConfig();
        var (i, q) = (config.Idempotency, config.QueryCoalescing);

        Assert.Equal((true, 86_400, 1_000_000), (i.Enabled, i.TtlSeconds, i.MaxCachedKeys));
        Assert.Equal((true, 50, 1000, 10_000), (q.Enabled, q.WindowMs, q.MaxSubscribers, q.MaxPendingQueries));
    }

    [Fact]
    public void Load_YamlSections_BindEveryKey()
    {
        var config = Load("""
            idempotency:
              enabled: false
              ttl_seconds: 600
              max_cached_keys: 10
            query_coalescing:
              enabled: false
              window_ms: 20
              max_subscribers: 5
              max_pending_queries: 7
            """ + "\n").GetValidConfig();
        var (i, q) = (config.Idempotency, config.QueryCoalescing);

        Assert.Equal((false, 600, 10), (i.Enabled, i.TtlSeconds, i.MaxCachedKeys));
        Assert.Equal((false, 20, 5, 7), (q.Enabled, q.WindowMs, q.MaxSubscribers, q.MaxPendingQueries));
    }

    [Fact]
    public void Load_EnvironmentOverrides_BeatTheFile()
    {
        var config = Load("idempotency: { ttl_seconds: 60 }\n",
            ("MIROIR_IDEMPOTENCY_TTL_SECONDS", "120"), ("MIROIR_QUERY_COALESCING_WINDOW_MS", "5")).GetValidConfig();

        Assert.Equal((120, 5), (config.Idempotency.TtlSeconds, config.QueryCoalescing.WindowMs));
    }

    [Theory]
    [InlineData("idempotency: { ttl_seconds: 0 }\n", "idempotency.ttl_seconds", "must be between 1 and 2592000 (30 days), got 0")]
    [InlineData("idempotency: { ttl_seconds: 2592001 }\n", "idempotency.ttl_seconds", "got 2592001")]
    [InlineData("idempotency: { max_cached_keys: 0 }\n", "idempotency.max_cached_keys", "must be at least 1, got 0")]
    [InlineData("idempotency: { enabled: maybe }\n", "idempotency.enabled", "expected true or false, got 'maybe'")]
    [InlineData("query_coalescing: { window_ms: 0 }\n", "query_coalescing.window_ms", "must be between 1 and 10000, got 0")]
    [InlineData("query_coalescing: { max_subscribers: 0 }\n", "query_coalescing.max_subscribers", "must be at least 1, got 0")]
    [InlineData("query_coalescing: { max_pending_queries: -1 }\n", "query_coalescing.max_pending_queries", "must be at least 1, got -1")]
    [InlineData("query_coalescing: { window: 3 }\n", "query_coalescing.window", "")]
    public void Load_InvalidValue_NamesKey(string yaml, string key, string message)
    {
        var error = Assert.Single(Load(yaml).Errors);

        Assert.Equal(key, error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
