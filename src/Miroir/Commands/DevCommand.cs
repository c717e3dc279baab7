using System.CommandLine;
using Miroir.Core.Configuration;
using Miroir.Engine.Node;
using Miroir.Proxy.Server;

namespace Miroir.Commands;

/// <summary>
/// <c>miroir dev</c>: the embedded default cluster. The nodes of <c>./miroir.yaml</c> (or three on 127.0.0.1:7701-7703),
/// RF 2, S 12, run in-process; the orchestrator listens on 127.0.0.1:7700 and talks HTTP to them like in production.
/// </summary>
internal sealed class DevCommand : Command
{
    private readonly Option<string> _data = new("--data") { DefaultValueFactory = _ => Path.Combine(".", "data", "dev") };
    private readonly Option<int> _port = PortOption.Create();
    private readonly Option<string> _config = new("--config", "-c") { DefaultValueFactory = _ => "miroir.yaml" };

    public DevCommand() : base("dev")
    {
        Options.Add(_data);
        Options.Add(_port);
        Options.Add(_config);
        SetAction((result, _) => RunAsync(result.GetRequiredValue(_data), result.GetValue(_port), result.GetRequiredValue(_config)));
    }

    private static async Task<int> RunAsync(string data, int port, string configPath)
    {
        var loaded = await ConfigFile.LoadAsync("dev", configPath, required: false).ConfigureAwait(false);
        if (loaded is null)
        {
            return 2;
        }

        var config = DevConfig(loaded, data, port);
        var nodes = new List<NodeServer>();
        try
        {
            foreach (var node in config.Nodes)
            {
                var uri = new Uri(node.Address);
                nodes.Add(await NodeServer.StartAsync(new NodeOptions
                {
                    Port = uri.Port,
                    Bind = "127.0.0.1",
                    DataDirectory = Path.Combine(data, node.Id),
                    MasterKey = string.IsNullOrEmpty(config.NodeMasterKey) ? null : config.NodeMasterKey,
                    Logging = NodeCommand.LogToStandardError,
                }).ConfigureAwait(false));
            }

            // Metrics stay on /_miroir/metrics: a dev cluster never claims the production metrics port.
            await using var server = await ProxyServer.StartAsync(config, new ProxyServerOptions { ConsoleLogging = true, MetricsPort = -1 }).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(DevBanner.Text(server.Url, config, nodes.Select(n => n.Url).ToArray(), Path.GetFullPath(data))).ConfigureAwait(false);
            await Console.Out.FlushAsync().ConfigureAwait(false);
            await server.WaitForShutdownAsync().ConfigureAwait(false);
            return 0;
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.StopAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The dev topology: the file's nodes when it lists some, else three loopback nodes; one data folder.</summary>
    internal static MiroirConfig DevConfig(MiroirConfig loaded, string data, int port)
    {
        var config = loaded;
        if (config.Nodes.Count == 0)
        {
            config = config with
            {
                Shards = 12,
                ReplicationFactor = 2,
                ReplicaGroups = 1,
                Nodes = Enumerable.Range(1, 3)
                    .Select(i => new NodeConfig { Id = $"node-{i}", Address = $"http://127.0.0.1:{7700 + i}", ReplicaGroup = 0 })
                    .ToArray(),
            };
        }

        return config with
        {
            State = config.State with { Path = Path.Combine(data, "miroir") },
            Server = config.Server with { Port = port, Bind = "127.0.0.1" },
        };
    }
}
