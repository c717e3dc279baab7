using System.CommandLine;
using Microsoft.Extensions.Logging;
using Miroir.Engine.Node;

namespace Miroir.Commands;

/// <summary><c>miroir node</c>: runs one engine node until Ctrl+C or SIGTERM.</summary>
internal sealed class NodeCommand : Command
{
    /// <summary>The variable Meilisearch reads its master key from; the node reads it too, so the key stays out of <c>ps</c>.</summary>
    internal const string MasterKeyVariable = "MEILI_MASTER_KEY";

    private readonly Option<int> _port = PortOption.Create();
    private readonly Option<string> _data = new("--data") { Required = true };
    private readonly Option<string> _masterKey = new("--master-key");
    private readonly Option<string> _masterKeyFile = new("--master-key-file");

    /// <summary>Log bytes after which a snapshot is written (see <see cref="NodeOptions.SnapshotThresholdBytes"/>).</summary>
    private readonly Option<long> _snapshotThreshold = new("--snapshot-threshold")
    {
        DefaultValueFactory = _ => NodeOptions.DefaultSnapshotThresholdBytes,
        CustomParser = result =>
        {
            var value = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (!long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes) || bytes <= 0)
            {
                result.AddError($"invalid snapshot threshold `{value}` (a positive number of bytes)");
            }

            return bytes;
        },
    };

    private readonly Option<string> _bind = new("--bind")
    {
        DefaultValueFactory = _ => "127.0.0.1",
        CustomParser = result =>
        {
            var value = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (!System.Net.IPAddress.TryParse(value, out _))
            {
                result.AddError($"invalid bind address `{value}`");
            }

            return value;
        },
    };

    public NodeCommand() : base("node")
    {
        Options.Add(_port);
        Options.Add(_data);
        Options.Add(_masterKey);
        Options.Add(_masterKeyFile);
        Options.Add(_bind);
        Options.Add(_snapshotThreshold);
        SetAction((result, _) => RunAsync(result));
    }

    private async Task<int> RunAsync(ParseResult result)
    {
        if (!TryGetOptions(result, Environment.GetEnvironmentVariable, out var options, out var error))
        {
            return await CommandLine.FailAsync(Console.Error, result, [error]).ConfigureAwait(false);
        }

        NodeServer server;
        try
        {
            server = await NodeServer.StartAsync(options!).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // A held or damaged data folder (another live node, a corrupt log) is an operator
            // problem: say so plainly instead of crashing with a stack trace.
            await Console.Error.WriteLineAsync("miroir node: cannot open the data folder: " + e.Message).ConfigureAwait(false);
            return 1;
        }
        await using var _ = server;
        // The first line is machine-readable: scripts and tests wait for it to learn the URL.
        await Console.Out.WriteLineAsync($"miroir node listening on {server.Url} (data: {Path.GetFullPath(options!.DataDirectory)})").ConfigureAwait(false);
        await Console.Out.FlushAsync().ConfigureAwait(false);
        await server.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// The node's options from parsed flags. The master key comes from <c>--master-key</c>, else <c>--master-key-file</c>,
    /// else <c>MEILI_MASTER_KEY</c> (Meilisearch's order: the command line beats the environment).
    /// </summary>
    internal bool TryGetOptions(ParseResult result, Func<string, string?> environment, out NodeOptions? options, out string error)
    {
        options = null;
        error = "";
        var masterKey = result.GetValue(_masterKey);
        var masterKeyFile = result.GetValue(_masterKeyFile);
        if (masterKey is not null && masterKeyFile is not null)
        {
            error = "give the master key once: --master-key or --master-key-file";
            return false;
        }
        if (masterKeyFile is not null && !TryReadKeyFile(masterKeyFile, out masterKey, out error))
        {
            return false;
        }
        masterKey ??= environment(MasterKeyVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        options = new NodeOptions
        {
            Port = result.GetValue(_port),
            DataDirectory = result.GetRequiredValue(_data),
            MasterKey = masterKey,
            Bind = result.GetRequiredValue(_bind),
            SnapshotThresholdBytes = result.GetValue(_snapshotThreshold),
            Logging = LogToStandardError,
        };
        return true;
    }

    /// <summary>Failures go to stderr: stdout's first line is the machine-readable listening line scripts wait for.</summary>
    internal static void LogToStandardError(ILoggingBuilder logging)
    {
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.AddFilter("Microsoft", LogLevel.Warning);
    }

    /// <summary>Reads a key file (a mounted secret): the trailing line break editors and <c>echo</c> add is not part of the key.</summary>
    private static bool TryReadKeyFile(string path, out string? key, out string error)
    {
        key = null;
        error = "";
        try
        {
            key = File.ReadAllText(path).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read the master key file `{path}`: {e.Message}";
            return false;
        }
        if (key.Length == 0)
        {
            error = $"the master key file `{path}` is empty";
            return false;
        }
        return true;
    }
}
