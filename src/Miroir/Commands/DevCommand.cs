using System.Globalization;
using Miroir.Core.Configuration;
using Miroir.Engine.Node;
using Miroir.Proxy.Server;

namespace Miroir.Commands;

/// <summary>
/// <c>miroir dev</c>: the embedded default cluster. The nodes of <c>./miroir.yaml</c> (or three on 127.0.0.1:7701-7703),
/// RF 2, S 12, run in-process; the orchestrator listens on 127.0.0.1:7700 and talks HTTP to them like in production.
/// </summary>
internal static class DevCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var data = Path.Combine(".", "data", "dev");
        var port = 7700;
        var configPath = "miroir.yaml";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--data" when value is not null:
                    data = value;
                    i++;
                    break;
                case "--port" when value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535:
                    port = p;
                    i++;
                    break;
                case "-c" or "--config" when value is not null:
                    configPath = value;
                    i++;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"miroir dev: unexpected argument `{args[i]}`").ConfigureAwait(false);
                    await Console.Error.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
                    return 2;
            }
        }

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
