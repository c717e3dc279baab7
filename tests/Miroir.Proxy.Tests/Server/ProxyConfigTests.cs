using Miroir.Core.Configuration;
using Miroir.Proxy.Server;

namespace Miroir.Proxy.Tests.Server;

public sealed class ProxyConfigTests
{
    [Fact]
    public async Task Start_ReplicationFactorLargerThanGroup_RefusedNamingTheKey()
    {
        var config = MiroirConfig.Default with
        {
            ReplicationFactor = 3,
            Nodes = [new NodeConfig { Id = "a", Address = "http://127.0.0.1:1" }],
            State = new StateConfig { Path = Path.Combine(Path.GetTempPath(), "miroir-unused-" + Guid.NewGuid().ToString("N")) },
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ProxyServer.StartAsync(config, new ProxyServerOptions { Port = 0 }));

        Assert.Contains("replication_factor", error.Message);
        Assert.False(Directory.Exists(config.State.Path));
    }

    [Fact]
    public void Load_YamlWithUnknownKeyAndBadShards_EveryErrorNamesItsKey()
    {
        var result = MiroirConfigLoader.Load("shards: 0\nnodez: []\nnodes:\n  - { id: a, address: http://127.0.0.1:1 }\n", new Dictionary<string, string>());

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Key == "nodez");
    }
}
