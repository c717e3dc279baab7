using Miroir.Proxy.Server;

namespace Miroir.Commands;

/// <summary><c>miroir serve -c miroir.yaml</c>: runs the orchestrator until Ctrl+C or SIGTERM; exit 2 on a bad configuration.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? path = "miroir.yaml";
        var explicitPath = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "-c" or "--config" && i + 1 < args.Length)
            {
                path = args[++i];
                explicitPath = true;
            }
            else
            {
                await Console.Error.WriteLineAsync($"miroir serve: unexpected argument `{args[i]}`").ConfigureAwait(false);
                await Console.Error.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
                return 2;
            }
        }

        var config = await ConfigFile.LoadAsync("serve", path, required: explicitPath).ConfigureAwait(false);
        if (config is null)
        {
            return 2;
        }

        if (config.Nodes.Count == 0)
        {
            await Console.Error.WriteLineAsync("miroir serve: invalid configuration: nodes: at least one node is required").ConfigureAwait(false);
            return 2;
        }

        await using var server = await ProxyServer.StartAsync(config, new ProxyServerOptions { ConsoleLogging = true }).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"miroir orchestrator listening on {server.Url} ({config.Nodes.Count} nodes, RF {config.ReplicationFactor}, {config.ReplicaGroups} group(s), S {config.Shards})").ConfigureAwait(false);
        await Console.Out.FlushAsync().ConfigureAwait(false);
        await server.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }
}
