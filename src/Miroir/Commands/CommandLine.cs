using Miroir.Commands.Ctl;

namespace Miroir.Commands;

/// <summary>Dispatches <c>miroir &lt;command&gt;</c> to its command; prints usage otherwise.</summary>
internal static class CommandLine
{
    public const string Usage = """
        usage: miroir <command> [options]

        commands:
          serve [-c miroir.yaml]
                 run the orchestrator (every key overridable by MIROIR_* variables)
          dev [--data ./data/dev] [--port 7700] [-c miroir.yaml]
                 run the embedded dev cluster: engine nodes in-process plus the orchestrator
          node --port P --data DIR [--master-key K | --master-key-file PATH] [--bind 127.0.0.1]
                 run one Meilisearch-compatible engine node (master key also from MEILI_MASTER_KEY)
          ctl [--url U] [--admin-key K] status | node add|drain | rebalance status | verify | task UID
                 operate a running orchestrator through its admin API (`miroir ctl --help`)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }
        return args[0] switch
        {
            "node" => await NodeCommand.RunAsync(args[1..]).ConfigureAwait(false),
            "serve" => await ServeCommand.RunAsync(args[1..]).ConfigureAwait(false),
            "dev" => await DevCommand.RunAsync(args[1..]).ConfigureAwait(false),
            "ctl" => await CtlCommand.RunAsync(args[1..], CtlIo.Console).ConfigureAwait(false),
            "-h" or "--help" or "help" => await PrintUsageAsync(0).ConfigureAwait(false),
            _ => await PrintUsageAsync(2, $"miroir: unknown command `{args[0]}`").ConfigureAwait(false),
        };
    }

    private static async Task<int> PrintUsageAsync(int exitCode, string? error = null)
    {
        var output = exitCode == 0 ? Console.Out : Console.Error;
        if (error is not null)
        {
            await output.WriteLineAsync(error).ConfigureAwait(false);
        }
        await output.WriteLineAsync(Usage).ConfigureAwait(false);
        return exitCode;
    }
}
