using Miroir.Core.Configuration;

namespace Miroir.Core.Tests.Configuration;

/// <summary>Every refusal names its key (spec §12).</summary>
public sealed class ConfigErrorUnitTests
{
    private static IReadOnlyList<ConfigError> Errors(string yaml) =>
        MiroirConfigLoader.Load(yaml, ConfigTestData.NoEnvironment).Errors;

    private static ConfigError Single(string yaml) => Assert.Single(Errors(yaml));

    [Theory]
    [InlineData("colour: blue\n", "colour", "unknown key", 1)]
    [InlineData("scatter:\n  node_timeout: 5\n", "scatter.node_timeout", "unknown key", 2)]
    [InlineData("server: { port: 1, prot: 2 }\n", "server.prot", "unknown key", 1)]
    [InlineData("nodes:\n  - { id: a, address: http://a, weight: 3 }\n", "nodes[0].weight", "unknown key", 2)]
    public void Load_UnknownKey_NamesKeyAndLine(string yaml, string key, string message, int line)
    {
        var error = Single(yaml.StartsWith("nodes", StringComparison.Ordinal) ? yaml : yaml + ConfigTestData.ThreeNodes);
        Assert.Equal(key, error.Key);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal($"miroir.yaml:{line}", error.Location);
    }

    [Theory]
    [InlineData("shards: many\n", "shards", "expected an integer, got 'many'")]
    [InlineData("shards: 1.5\n", "shards", "expected an integer, got '1.5'")]
    [InlineData("shards:\n", "shards", "expected an integer, got nothing")]
    [InlineData("shards: 99999999999\n", "shards", "expected an integer, got '99999999999'")]
    [InlineData("admin: { enabled: yes }\n", "admin.enabled", "expected true or false, got 'yes'")]
    [InlineData("scatter: { unavailable_shard_policy: ignore }\n", "scatter.unavailable_shard_policy", "must be partial or error, got 'ignore'")]
    [InlineData("state: { backend: postgres }\n", "state.backend", "must be log or redis, got 'postgres'")]
    [InlineData("write_quorum: quorum\n", "write_quorum", "must be one or majority or all, got 'quorum'")]
    [InlineData("shards: [1, 2]\n", "shards", "expected a single value (integer), got a sequence")]
    [InlineData("health: 5\n", "health", "expected a mapping of keys")]
    [InlineData("nodes: { id: a }\n", "nodes", "expected a list of { id, address, replica_group }")]
    public void Load_BadValue_NamesKey(string yaml, string key, string message)
    {
        var error = Single(yaml + (yaml.StartsWith("nodes", StringComparison.Ordinal) ? "" : ConfigTestData.ThreeNodes));
        Assert.Equal((key, message), (error.Key, error.Message));
    }

    [Theory]
    [InlineData("shards: 0\n", "shards", "must be between 1 and 65536, got 0")]
    [InlineData("shards: -3\n", "shards", "must be between 1 and 65536, got -3")]
    [InlineData("replication_factor: 0\n", "replication_factor", "must be at least 1, got 0")]
    [InlineData("replication_factor: 4\n", "replication_factor", "4 exceeds the 3 node(s) of replica group 0")]
    [InlineData("replica_groups: 0\n", "replica_groups", "must be at least 1, got 0")]
    [InlineData("server: { port: 0 }\n", "server.port", "must be a port between 1 and 65535, got 0")]
    [InlineData("server: { port: 70000 }\n", "server.port", "must be a port between 1 and 65535, got 70000")]
    [InlineData("server: { metrics_port: -1 }\n", "server.metrics_port", "must be a port between 1 and 65535 (0 = no separate listener), got -1")]
    [InlineData("server: { metrics_port: 7700 }\n", "server.metrics_port", "must differ from server.port (7700)")]
    [InlineData("server: { bind: 'not an address' }\n", "server.bind", "must be an IP address or host name, got 'not an address'")]
    [InlineData("server: { max_body_bytes: 0 }\n", "server.max_body_bytes", "must be at least 1, got 0")]
    [InlineData("health: { interval_ms: 0 }\n", "health.interval_ms", "must be at least 1, got 0")]
    [InlineData("health: { timeout_ms: 0 }\n", "health.timeout_ms", "must be at least 1, got 0")]
    [InlineData("health: { unhealthy_threshold: 0 }\n", "health.unhealthy_threshold", "must be at least 1, got 0")]
    [InlineData("health: { recovery_threshold: 0 }\n", "health.recovery_threshold", "must be at least 1, got 0")]
    [InlineData("scatter: { node_timeout_ms: 0 }\n", "scatter.node_timeout_ms", "must be at least 1, got 0")]
    [InlineData("rebalancer: { max_concurrent_migrations: 0 }\n", "rebalancer.max_concurrent_migrations", "must be at least 1, got 0")]
    [InlineData("rebalancer: { migration_timeout_s: 0 }\n", "rebalancer.migration_timeout_s", "must be at least 1, got 0")]
    [InlineData("state: { backend: redis }\n", "state.redis_url", "required when state.backend is redis")]
    [InlineData("state: { path: '' }\n", "state.path", "required when state.backend is log")]
    public void Load_InvalidValue_NamesKey(string yaml, string key, string message)
    {
        var error = Single(yaml + ConfigTestData.ThreeNodes);
        Assert.Equal(new ConfigError(key, message), error);
    }

    [Fact]
    public void Load_ReplicationFactorLargerThanOneGroup_NamesThatGroup()
    {
        var error = Single("""
            replica_groups: 2
            nodes:
              - { id: a, address: http://a:7700, replica_group: 0 }
              - { id: b, address: http://b:7700, replica_group: 0 }
              - { id: c, address: http://c:7700, replica_group: 1 }
            """);
        Assert.Equal(new ConfigError("replication_factor", "2 exceeds the 1 node(s) of replica group 1"), error);
    }

    [Fact]
    public void Load_DuplicateNodeIds_NamesSecondOccurrence()
    {
        var error = Single("""
            nodes:
              - { id: a, address: http://a:7700 }
              - { id: b, address: http://b:7700 }
              - { id: a, address: http://c:7700 }
            """);
        Assert.Equal(new ConfigError("nodes[2].id", "duplicate node id 'a' (also nodes[0])"), error);
    }

    [Theory]
    [InlineData("ftp://a:7700")]
    [InlineData("a:7700")]
    [InlineData("/relative")]
    [InlineData("http://a:70000")]
    [InlineData("http://a:7700/?x=1")]
    [InlineData("http://user:pw@a:7700")]
    [InlineData("''")]
    public void Load_BadAddress_NamesNodeAddress(string address)
    {
        var error = Single($"replication_factor: 1\nnodes:\n  - {{ id: a, address: {address} }}\n");
        Assert.Equal("nodes[0].address", error.Key);
        Assert.StartsWith("must be an absolute http:// or https:// URL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- { address: http://a }", "nodes[0].id", "required")]
    [InlineData("- { id: a }", "nodes[0].address", "required")]
    [InlineData("- { id: 'a b', address: http://a }", "nodes[0].id", "must be non-empty without spaces or control characters, got 'a b'")]
    [InlineData("- { id: a, address: http://a, replica_group: x }", "nodes[0].replica_group", "expected a group number, got 'x'")]
    [InlineData("- { id: [a], address: http://a }", "nodes[0].id", "expected a single value")]
    [InlineData("- just-a-string", "nodes[0]", "expected a mapping { id, address, replica_group }")]
    public void Load_BadNodeEntry_NamesNodeKey(string entry, string key, string message)
    {
        var errors = Errors($"replication_factor: 1\nnodes:\n  {entry}\n");
        var error = Assert.Single(errors);
        Assert.Equal((key, message), (error.Key, error.Message));
    }

    [Fact]
    public void Load_NodeGroupOutOfRange_NamesNodeAndEmptyGroup()
    {
        var errors = Errors("replication_factor: 1\nnodes:\n  - { id: a, address: http://a, replica_group: 1 }\n");
        Assert.Equal(
            [new ConfigError("nodes[0].replica_group", "must be between 0 and 0 (replica_groups is 1), got 1"),
             new ConfigError("replication_factor", "1 exceeds the 0 node(s) of replica group 0")],
            errors);
    }

    [Theory]
    [InlineData("shards: [1\n", "(syntax)", 2)]
    [InlineData("shards: 1\nshards: 2\n", "(syntax)", 2)]
    [InlineData("a: 1\n---\nb: 2\n", "(syntax)", null)]
    [InlineData("- 1\n- 2\n", "(root)", 1)]
    public void Load_MalformedYaml_ReportsSyntaxWithLine(string yaml, string key, int? line)
    {
        var error = Single(yaml);
        Assert.Equal(key, error.Key);
        Assert.Equal(line is null ? "miroir.yaml" : $"miroir.yaml:{line}", error.Location);
    }

    [Fact]
    public void Load_SeveralProblems_ReportsAllBindingErrorsAtOnce()
    {
        var errors = Errors("shards: x\nfoo: 1\nscatter: { bar: 2 }\n" + ConfigTestData.ThreeNodes);
        Assert.Equal(["shards", "foo", "scatter.bar"], errors.Select(e => e.Key));
    }
}
