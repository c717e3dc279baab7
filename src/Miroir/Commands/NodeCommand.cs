using System.Globalization;
using Microsoft.Extensions.Logging;
using Miroir.Engine.Node;

namespace Miroir.Commands;

/// <summary><c>miroir node</c>: runs one engine node until Ctrl+C or SIGTERM.</summary>
internal static class NodeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, Environment.GetEnvironmentVariable, out var options, out var error))
        {
            await Console.Error.WriteLineAsync("miroir node: " + error).ConfigureAwait(false);
            await Console.Error.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
            return 2;
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

    /// <summary>The variable Meilisearch reads its master key from; the node reads it too, so the key stays out of <c>ps</c>.</summary>
    internal const string MasterKeyVariable = "MEILI_MASTER_KEY";

    /// <summary>
    /// Parses the node's flags. The master key comes from <c>--master-key</c>, else <c>--master-key-file</c>, else
    /// <c>MEILI_MASTER_KEY</c> (Meilisearch's order: the command line beats the environment).
    /// </summary>
    internal static bool TryParse(string[] args, Func<string, string?> environment, out NodeOptions? options, out string error)
    {
        options = null;
        error = "";
        int? port = null;
        string? data = null, masterKey = null, masterKeyFile = null, bind = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--port" when value is not null:
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p > 65535)
                    {
                        error = $"invalid port `{value}`";
                        return false;
                    }
                    port = p;
                    i++;
                    break;
                case "--data" when value is not null:
                    data = value;
                    i++;
                    break;
                case "--master-key" when value is not null:
                    masterKey = value;
                    i++;
                    break;
                case "--master-key-file" when value is not null:
                    masterKeyFile = value;
                    i++;
                    break;
                case "--bind" when value is not null:
                    bind = value;
                    i++;
                    break;
                default:
                    error = $"unexpected argument `{args[i]}`";
                    return false;
            }
        }
        if (data is null)
        {
            error = "--data DIR is required";
            return false;
        }
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
        if (bind is not null && !System.Net.IPAddress.TryParse(bind, out _))
        {
            error = $"invalid bind address `{bind}`";
            return false;
        }
        options = new NodeOptions
        {
            Port = port ?? 7700,
            DataDirectory = data,
            MasterKey = masterKey,
            Bind = bind ?? "127.0.0.1",
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
