using System.CommandLine;
using Miroir.Proxy.Server;

namespace Miroir.Commands;

/// <summary><c>miroir serve -c miroir.yaml</c>: runs the orchestrator until Ctrl+C or SIGTERM; exit 2 on a bad configuration.</summary>
internal sealed class ServeCommand : Command
{
    private readonly Option<string> _config = new("--config", "-c");

    public ServeCommand() : base("serve")
    {
        Options.Add(_config);
        SetAction((result, _) => RunAsync(result));
    }

    private async Task<int> RunAsync(ParseResult result)
    {
        // An explicit file must exist; the default one may be absent (everything from MIROIR_* variables).
        var explicitPath = result.GetValue(_config);
        var config = await ConfigFile.LoadAsync("serve", explicitPath ?? "miroir.yaml", required: explicitPath is not null).ConfigureAwait(false);
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
