using Miroir.Core.Configuration;
using Miroir.Tests.Shared;

namespace Miroir.Core.Tests.Configuration;

public sealed class MiroirConfigLoaderUnitTests
{
    private static ConfigLoadResult Load(string yaml) => MiroirConfigLoader.Load(yaml, ConfigTestData.NoEnvironment);

    [Fact]
    public void Load_OnlyNodes_EveryOtherKeyHasSpecDefault()
    {
        var config = Load(ConfigTestData.ThreeNodes).GetValidConfig();
        Assert.Equal(MiroirConfig.Default with { Nodes = config.Nodes }, config);
        Assert.Equal(("", "", 64, 2, 1), (config.MasterKey, config.NodeMasterKey, config.Shards, config.ReplicationFactor, config.ReplicaGroups));
        Assert.Equal(new StateConfig { Backend = StateBackend.Log, Path = "./data/miroir", RedisUrl = "" }, config.State);
        Assert.Equal(new AdminConfig { Enabled = true, ApiKey = "" }, config.Admin);
        Assert.Equal(new HealthConfig { IntervalMs = 5000, TimeoutMs = 2000, UnhealthyThreshold = 3, RecoveryThreshold = 2 }, config.Health);
        Assert.Equal(new ScatterConfig { NodeTimeoutMs = 5000, RetryOnTimeout = true, UnavailableShardPolicy = UnavailableShardPolicy.Partial }, config.Scatter);
        Assert.Equal(new RebalancerConfig { AutoRebalanceOnRecovery = true, MaxConcurrentMigrations = 4, MigrationTimeoutS = 3600 }, config.Rebalancer);
        Assert.Equal(new ServerConfig { Port = 7700, Bind = "0.0.0.0", MaxBodyBytes = 104857600, MetricsPort = 9090 }, config.Server);
        Assert.Equal([new NodeConfig { Id = "n1", Address = "http://127.0.0.1:7701", ReplicaGroup = 0 }], config.Nodes.Take(1));
    }

    [Fact]
    public void Load_SpecExample_BindsEverySection()
    {
        var config = Load("""
            master_key: "mk"          # env MIROIR_MASTER_KEY
            node_master_key: 'nmk'
            shards: 16
            replication_factor: 1
            replica_groups: 2
            nodes:
              - { id: meili-0, address: http://meili-0.search.svc:7700, replica_group: 0 }
              - id: meili-1
                address: https://meili-1.search.svc:7700/prefix
                replica_group: 1
            state:
              backend: redis
              path: /var/lib/miroir
              redis_url: "redis://r:6379"
            admin: { enabled: false, api_key: "ak" }
            health: { interval_ms: 1000, timeout_ms: 500, unhealthy_threshold: 5, recovery_threshold: 1 }
            scatter: { node_timeout_ms: 250, retry_on_timeout: false, unavailable_shard_policy: error }
            rebalancer: { auto_rebalance_on_recovery: false, max_concurrent_migrations: 2, migration_timeout_s: 60 }
            server: { port: 8080, bind: 127.0.0.1, max_body_bytes: 1_000_000, metrics_port: 0, inline_io: true }
            """).GetValidConfig();
        Assert.Equal(("mk", "nmk", 16, 1, 2), (config.MasterKey, config.NodeMasterKey, config.Shards, config.ReplicationFactor, config.ReplicaGroups));
        Assert.Equal(new NodeConfig { Id = "meili-1", Address = "https://meili-1.search.svc:7700/prefix", ReplicaGroup = 1 }, config.Nodes[1]);
        Assert.Equal(new StateConfig { Backend = StateBackend.Redis, Path = "/var/lib/miroir", RedisUrl = "redis://r:6379" }, config.State);
        Assert.Equal(new AdminConfig { Enabled = false, ApiKey = "ak" }, config.Admin);
        Assert.Equal(new HealthConfig { IntervalMs = 1000, TimeoutMs = 500, UnhealthyThreshold = 5, RecoveryThreshold = 1 }, config.Health);
        Assert.Equal(new ScatterConfig { NodeTimeoutMs = 250, RetryOnTimeout = false, UnavailableShardPolicy = UnavailableShardPolicy.Error }, config.Scatter);
        Assert.Equal(new RebalancerConfig { AutoRebalanceOnRecovery = false, MaxConcurrentMigrations = 2, MigrationTimeoutS = 60 }, config.Rebalancer);
        Assert.Equal(new ServerConfig { Port = 8080, Bind = "127.0.0.1", MaxBodyBytes = 1_000_000, MetricsPort = 0, InlineIo = true }, config.Server);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void Load_EmptyDocument_DefaultsButNodesRequired(string? yaml)
    {
        var result = MiroirConfigLoader.Load(yaml, ConfigTestData.NoEnvironment);
        Assert.Equal(MiroirConfig.Default, result.Config);
        Assert.Equal([new ConfigError("nodes", "at least one node is required")], result.Errors);
    }

    [Fact]
    public void Load_RepositoryMiroirYaml_IsTheValidDevTopology()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.RepositoryRoot(), "miroir.yaml"));
        var config = Load(yaml).GetValidConfig();
        Assert.Equal((12, 2, 1), (config.Shards, config.ReplicationFactor, config.ReplicaGroups));
        Assert.Equal(["http://127.0.0.1:7701", "http://127.0.0.1:7702", "http://127.0.0.1:7703"], config.Nodes.Select(n => n.Address));
        Assert.Equal(3, config.ToTopology().Nodes.Count);
    }

    [Fact]
    public void ToTopology_GroupsAndRf_CarriedOver()
    {
        var config = Load("replica_groups: 2\nreplication_factor: 1\nnodes: [{id: a, address: 'http://a'}, {id: b, address: 'http://b', replica_group: 1}]").GetValidConfig();
        var topology = config.ToTopology();
        Assert.Equal((1, 2), (topology.ReplicationFactor, topology.ReplicaGroupCount));
        Assert.Equal(1, topology.GetNode(topology.GetOrdinal("b")).ReplicaGroup);
    }

    [Fact]
    public void ToString_Secrets_AreRedacted()
    {
        var config = MiroirConfig.Default with
        {
            MasterKey = "s3cret-master",
            NodeMasterKey = "s3cret-node",
            Admin = new AdminConfig { ApiKey = "s3cret-admin" },
            State = new StateConfig { RedisUrl = "redis://:s3cret-redis@r" },
        };
        var text = config.ToString();
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.Contains("MasterKey = ***", text, StringComparison.Ordinal);
        Assert.Contains("Shards = 64", text, StringComparison.Ordinal);
        Assert.Contains("NodeTimeoutMs = 5000", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GetValidConfig_Invalid_ThrowsListingEveryError()
    {
        var result = Load("shards: 0\nfoo: 1\n");
        var message = Assert.Throws<InvalidOperationException>(result.GetValidConfig).Message;
        Assert.Contains("foo: unknown key", message, StringComparison.Ordinal);
    }
}
