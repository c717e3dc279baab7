using Miroir.Commands;
using Miroir.Commands.Ctl;
using Miroir.Engine.Node;

namespace Miroir.Proxy.Tests.Commands;

/// <summary><c>miroir node</c>'s master key sources: flag, key file, <c>MEILI_MASTER_KEY</c>, and their order.</summary>
public sealed class NodeCommandUnitTests : IDisposable
{
    private const string FlagKey = "flag-master-key-0123456789";
    private const string EnvKey = "env-master-key-0123456789";
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), "miroir-key-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void MasterKey_FromEnvironment_Used()
    {
        Assert.Equal(EnvKey, Parse(["--data", "d"], EnvKey));
    }

    [Fact]
    public void MasterKey_FileWithTrailingNewline_Trimmed()
    {
        File.WriteAllText(_keyFile, "file-master-key-0123456789\n");
        Assert.Equal("file-master-key-0123456789", Parse(["--data", "d", "--master-key-file", _keyFile], null));
        File.WriteAllText(_keyFile, "file-master-key-0123456789\r\n");
        Assert.Equal("file-master-key-0123456789", Parse(["--data", "d", "--master-key-file", _keyFile], null));
    }

    [Fact]
    public void MasterKey_CommandLineAndFile_BeatTheEnvironment()
    {
        File.WriteAllText(_keyFile, "file-master-key-0123456789\n");
        Assert.Equal(FlagKey, Parse(["--data", "d", "--master-key", FlagKey], EnvKey));
        Assert.Equal("file-master-key-0123456789", Parse(["--data", "d", "--master-key-file", _keyFile], EnvKey));
    }

    [Fact]
    public void MasterKey_None_Open()
    {
        Assert.Null(Parse(["--data", "d"], null));
        Assert.Null(Parse(["--data", "d"], ""));
    }

    [Fact]
    public void MasterKey_StartingWithAt_TakenAsTheKeyNotAResponseFile()
    {
        Assert.Equal("@not-a-file-0123456789", Parse(["--data", "d", "--master-key", "@not-a-file-0123456789"], null));
    }

    [Fact]
    public void MasterKey_BothFlagsOrMissingOrEmptyFile_Refused()
    {
        File.WriteAllText(_keyFile, "\n");
        Assert.False(TryGetOptions(["--data", "d", "--master-key", FlagKey, "--master-key-file", _keyFile], null, out _, out var both));
        Assert.False(TryGetOptions(["--data", "d", "--master-key-file", _keyFile], null, out _, out var empty));
        Assert.False(TryGetOptions(["--data", "d", "--master-key-file", _keyFile + ".missing"], null, out _, out var missing));
        Assert.Contains("once", both, StringComparison.Ordinal);
        Assert.Contains("empty", empty, StringComparison.Ordinal);
        Assert.Contains("cannot read", missing, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_Absent_MeilisearchDefaults()
    {
        Assert.True(TryGetOptions(["--data", "d"], null, out var options, out var error), error);
        Assert.Equal((7700, "127.0.0.1", "d"), (options!.Port, options.Bind, options.DataDirectory));
        Assert.True(TryGetOptions(["--bind", "0.0.0.0", "--data", "e", "--port", "0"], null, out options, out error), error);
        Assert.Equal((0, "0.0.0.0", "e"), (options!.Port, options.Bind, options.DataDirectory));
    }

    [Fact]
    public void SnapshotThreshold_GivenOrDefault_UsedAndBadValuesRefused()
    {
        Assert.True(TryGetOptions(["--data", "d"], null, out var options, out var error), error);
        Assert.Equal(NodeOptions.DefaultSnapshotThresholdBytes, options!.SnapshotThresholdBytes);
        Assert.True(TryGetOptions(["--data", "d", "--snapshot-threshold", "4096"], null, out options, out error), error);
        Assert.Equal(4096, options!.SnapshotThresholdBytes);
        foreach (var bad in new[] { "0", "1MB" })
        {
            var result = CommandLine.Parse(["node", "--data", "d", "--snapshot-threshold", bad], CtlIo.Console);
            Assert.Contains(result.Errors, e => e.Message.Contains("snapshot threshold", StringComparison.Ordinal));
        }
    }

    public void Dispose() => File.Delete(_keyFile);

    private static string? Parse(string[] args, string? environmentKey)
    {
        Assert.True(TryGetOptions(args, environmentKey, out var options, out var error), error);
        return options!.MasterKey;
    }

    /// <summary>Parses <c>miroir node ARGS</c> like the executable does (no parse error allowed), then resolves the options.</summary>
    private static bool TryGetOptions(string[] args, string? environmentKey, out NodeOptions? options, out string error)
    {
        var result = CommandLine.Parse(["node", .. args], CtlIo.Console);
        Assert.Empty(result.Errors);
        var command = Assert.IsType<NodeCommand>(result.CommandResult.Command);
        return command.TryGetOptions(result, name => name == NodeCommand.MasterKeyVariable ? environmentKey : null, out options, out error);
    }
}
