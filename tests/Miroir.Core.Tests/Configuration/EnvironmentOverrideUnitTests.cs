using Miroir.Core.Configuration;

namespace Miroir.Core.Tests.Configuration;

public sealed class EnvironmentOverrideUnitTests
{
    private static ConfigLoadResult Load(string yaml, params (string Name, string Value)[] env) =>
        MiroirConfigLoader.Load(yaml, env.ToDictionary(e => e.Name, e => e.Value));

    [Fact]
    public void ConfigKeys_EnvironmentNames_AreUniqueUpperSnakeOfPath()
    {
        Assert.Equal(ConfigKeys.All.Count, ConfigKeys.All.Select(k => k.EnvironmentVariable).Distinct().Count());
        Assert.All(ConfigKeys.All, k => Assert.Matches("^MIROIR_[A-Z0-9_]+$", k.EnvironmentVariable));
        Assert.Equal("MIROIR_MASTER_KEY", ConfigKeys.Find("master_key")!.EnvironmentVariable);
        Assert.Equal("MIROIR_SCATTER_NODE_TIMEOUT_MS", ConfigKeys.Find("scatter.node_timeout_ms")!.EnvironmentVariable);
        Assert.Equal("MIROIR_SERVER_PORT", ConfigKeys.Find("server.port")!.EnvironmentVariable);
        Assert.Null(ConfigKeys.Find("server.nope"));
    }

    [Fact]
    public void EveryScalarKey_EnvironmentValue_BindsLikeTheSameYamlValue()
    {
        foreach (var key in ConfigKeys.All.Where(k => !k.IsList))
        {
            // A switch is set to both values: whichever is not its default must change the configuration.
            string[] values = key.Kind switch
            {
                "integer" or "number" => ["7"],
                "string" => ["from-env"],
                "true|false" => ["false", "true"],
                _ => [key.Kind.Split('|')[1]],
            };
            var changed = false;
            foreach (var value in values)
            {
                var fromEnv = Load(ConfigTestData.ThreeNodes, (key.EnvironmentVariable, value)).Config;
                var dot = key.Path.IndexOf('.', StringComparison.Ordinal);
                var yaml = dot < 0 ? $"{key.Path}: '{value}'\n" : $"{key.Path[..dot]}:\n  {key.Path[(dot + 1)..]}: '{value}'\n";
                var fromYaml = Load(yaml + ConfigTestData.ThreeNodes).Config;

                Assert.True(WithoutNodes(fromEnv) == WithoutNodes(fromYaml), key.Path);
                changed |= WithoutNodes(fromEnv) != WithoutNodes(MiroirConfig.Default);
            }

            Assert.True(changed, key.Path + " did not change anything");
        }
    }

    [Fact]
    public void Environment_BeatsFile()
    {
        var config = Load("master_key: file\nscatter: { node_timeout_ms: 100 }\nserver: { port: 8000 }\n" + ConfigTestData.ThreeNodes,
            ("MIROIR_MASTER_KEY", "env-key"), ("MIROIR_SCATTER_NODE_TIMEOUT_MS", "250"), ("MIROIR_SERVER_PORT", "9000")).GetValidConfig();
        Assert.Equal(("env-key", 250, 9000), (config.MasterKey, config.Scatter.NodeTimeoutMs, config.Server.Port));
    }

    [Fact]
    public void Environment_BlankVariable_IsIgnored()
    {
        var config = Load("shards: 8\n" + ConfigTestData.ThreeNodes, ("MIROIR_SHARDS", ""), ("MIROIR_MASTER_KEY", "")).GetValidConfig();
        Assert.Equal((8, ""), (config.Shards, config.MasterKey));
    }

    [Fact]
    public void Environment_ValueIsRawTextNotYaml()
    {
        var config = Load(ConfigTestData.ThreeNodes, ("MIROIR_MASTER_KEY", "#not: a comment ~")).GetValidConfig();
        Assert.Equal("#not: a comment ~", config.MasterKey);
    }

    [Theory]
    [InlineData("MIROIR_SHARDS", "lots", "shards", "expected an integer, got 'lots'")]
    [InlineData("MIROIR_SCATTER_UNAVAILABLE_SHARD_POLICY", "maybe", "scatter.unavailable_shard_policy", "must be partial or error, got 'maybe'")]
    [InlineData("MIROIR_ADMIN_ENABLED", "on", "admin.enabled", "expected true or false, got 'on'")]
    public void Environment_BadValue_NamesKeyAndVariable(string name, string value, string key, string message)
    {
        var error = Assert.Single(Load(ConfigTestData.ThreeNodes, (name, value)).Errors);
        Assert.Equal(new ConfigError(key, message, "env " + name), error);
    }

    [Fact]
    public void Environment_InvalidCombination_ReportedByValidation()
    {
        var error = Assert.Single(Load(ConfigTestData.ThreeNodes, ("MIROIR_REPLICATION_FACTOR", "5")).Errors);
        Assert.Equal("replication_factor", error.Key);
    }

    [Fact]
    public void Environment_NodesAsYamlFlow_ReplacesList()
    {
        var config = Load(ConfigTestData.ThreeNodes,
            ("MIROIR_NODES", "[{id: x, address: 'http://x:7700'}, {id: y, address: 'http://y:7700'}]"),
            ("MIROIR_REPLICATION_FACTOR", "1")).GetValidConfig();
        Assert.Equal(["x", "y"], config.Nodes.Select(n => n.Id));
    }

    [Fact]
    public void Environment_BadNodes_NamesNodeKeyAndVariable()
    {
        var error = Assert.Single(Load(ConfigTestData.ThreeNodes, ("MIROIR_NODES", "[{id: x}]")).Errors);
        Assert.Equal(new ConfigError("nodes[0].address", "required", "env MIROIR_NODES"), error);
    }

    [Fact]
    public void Environment_LookupFunction_OnlyAskedForKnownNames()
    {
        var asked = new List<string>();
        MiroirConfigLoader.Load(ConfigTestData.ThreeNodes, name =>
        {
            asked.Add(name);
            return null;
        });
        Assert.Equal(ConfigKeys.All.Select(k => k.EnvironmentVariable), asked);
    }

    private static MiroirConfig WithoutNodes(MiroirConfig config) => config with { Nodes = [] };
}
