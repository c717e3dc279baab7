using Miroir.Commands;
using Miroir.Commands.Ctl;

namespace Miroir.Proxy.Tests.Commands;

/// <summary>
/// <c>miroir</c>'s usage errors, in-process: the command named in the message, the usage on stderr, exit 2; help on
/// stdout, exit 0. None of these runs a server: parsing fails first.
/// </summary>
public sealed class CommandLineUnitTests
{
    [Theory]
    [InlineData("node --data d --bogus", "miroir node: Unrecognized command or argument '--bogus'.")]
    [InlineData("dev --verbose", "miroir dev: Unrecognized command or argument '--verbose'.")]
    [InlineData("serve -c miroir.yaml extra", "miroir serve: Unrecognized command or argument 'extra'.")]
    [InlineData("frobnicate", "miroir: Unrecognized command or argument 'frobnicate'.")]
    [InlineData("", "miroir: a command is needed")]
    public async Task UnknownFlagOrCommand_ExitTwoWithUsage(string args, string message) =>
        await AssertUsageErrorAsync(args, message);

    [Theory]
    [InlineData("node --data", "miroir node: Required argument missing for option: '--data'.")]
    [InlineData("node --data d --port", "miroir node: Required argument missing for option: '--port'.")]
    [InlineData("node --data d --master-key-file", "miroir node: Required argument missing for option: '--master-key-file'.")]
    [InlineData("node --port 7701", "miroir node: Option '--data' is required.")]
    [InlineData("dev --data", "miroir dev: Required argument missing for option: '--data'.")]
    [InlineData("serve -c", "miroir serve: Required argument missing for option: '-c'.")]
    public async Task MissingValue_ExitTwoWithUsage(string args, string message) =>
        await AssertUsageErrorAsync(args, message);

    [Theory]
    [InlineData("node --data d --port 65536", "miroir node: invalid port `65536`")]
    [InlineData("node --data d --port -1", "miroir node: invalid port `-1`")]
    [InlineData("node --data d --port +80", "miroir node: invalid port `+80`")]
    [InlineData("dev --port abc", "miroir dev: invalid port `abc`")]
    [InlineData("node --data d --bind localhost", "miroir node: invalid bind address `localhost`")]
    public async Task BadPortOrAddress_ExitTwoWithUsage(string args, string message) =>
        await AssertUsageErrorAsync(args, message);

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("node --help")]
    [InlineData("serve -h")]
    public async Task Help_UsageOnStdoutExitZero(string args)
    {
        var (exit, output, error) = await RunAsync(args);
        Assert.Equal(0, exit);
        Assert.StartsWith("usage: miroir <command> [options]", output, StringComparison.Ordinal);
        Assert.Contains("node --port P --data DIR", output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    private static async Task AssertUsageErrorAsync(string args, string message)
    {
        var (exit, output, error) = await RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        var lines = error.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal(message, lines[0]);
        Assert.Equal("usage: miroir <command> [options]", lines[1]);
    }

    private static async Task<(int Exit, string Out, string Error)> RunAsync(string args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args.Split(' ', StringSplitOptions.RemoveEmptyEntries), new CtlIo(stdout, stderr, static _ => null));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
