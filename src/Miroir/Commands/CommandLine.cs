using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Miroir.Commands.Ctl;

namespace Miroir.Commands;

/// <summary>
/// The <c>miroir</c> command tree (System.CommandLine parses; each command validates its own values). A usage error
/// prints <c>miroir &lt;command&gt;: &lt;error&gt;</c> and the usage on stderr and exits 2; <c>--help</c> prints it on stdout.
/// </summary>
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

    /// <summary>Response files stay off: a value starting with <c>@</c> (a master key) is a value, not a file to expand.</summary>
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    public static async Task<int> RunAsync(string[] args, CtlIo io)
    {
        var result = Parse(args, io);
        // Help wins over the other errors: `miroir node --help` needs no --data.
        if (result.Errors.Count > 0 && result.Action is not UsageAction)
        {
            return await FailAsync(io.Error, result, result.Errors.Select(e => e.Message)).ConfigureAwait(false);
        }

        // The commands own Ctrl+C and SIGTERM (graceful shutdown) and let a crash be a crash.
        var invocation = new InvocationConfiguration { Output = io.Out, Error = io.Error, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        return await result.InvokeAsync(invocation).ConfigureAwait(false);
    }

    /// <summary>Parses <paramref name="args"/> against the whole command tree (no command runs).</summary>
    public static ParseResult Parse(string[] args, CtlIo io) => Root(io).Parse(args, Parsing);

    /// <summary>Prints each error as <c>miroir &lt;command&gt;: error</c>, then the usage of that command; exit code 2.</summary>
    public static async Task<int> FailAsync(TextWriter error, ParseResult result, IEnumerable<string> messages)
    {
        var (name, usage) = UsageOf(result);
        foreach (var message in messages)
        {
            await error.WriteLineAsync($"{name}: {message}").ConfigureAwait(false);
        }

        await error.WriteLineAsync(usage).ConfigureAwait(false);
        return 2;
    }

    private static RootCommand Root(CtlIo io)
    {
        var root = new RootCommand
        {
            new ServeCommand(),
            new DevCommand(),
            new NodeCommand(),
            new CtlCommand(io),
            new Command("help") { Hidden = true, Action = new UsageAction() },
        };
        root.Options.OfType<HelpOption>().Single().Action = new UsageAction();
        root.SetAction(NoCommand(io));
        return root;
    }

    /// <summary>The action of a command that only groups others (<c>miroir</c>, <c>miroir ctl</c>) when none is named.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> NoCommand(CtlIo io) => (result, _) => FailAsync(io.Error, result, ["a command is needed"]);

    /// <summary>The command's name for messages (<c>miroir node</c>, <c>miroir ctl</c>) and the usage text that covers it.</summary>
    internal static (string Name, string Usage) UsageOf(ParseResult result)
    {
        Command? topLevel = null;
        for (SymbolResult? symbol = result.CommandResult; symbol is CommandResult command; symbol = command.Parent)
        {
            if (command.Command is not RootCommand)
            {
                topLevel = command.Command;
            }
        }

        return topLevel switch
        {
            null => ("miroir", Usage),
            CtlCommand => ("miroir ctl", CtlCommand.Usage),
            _ => ("miroir " + topLevel.Name, Usage),
        };
    }
}
