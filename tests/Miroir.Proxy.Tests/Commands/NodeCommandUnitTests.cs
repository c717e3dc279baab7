using Miroir.Commands;

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
    public void MasterKey_BothFlagsOrMissingOrEmptyFile_Refused()
    {
        File.WriteAllText(_keyFile, "\n");
        Assert.False(NodeCommand.TryParse(["--data", "d", "--master-key", FlagKey, "--master-key-file", _keyFile], _ => null, out _, out var both));
        Assert.False(NodeCommand.TryParse(["--data", "d", "--master-key-file", _keyFile], _ => null, out _, out var empty));
        Assert.False(NodeCommand.TryParse(["--data", "d", "--master-key-file", _keyFile + ".missing"], _ => null, out _, out var missing));
        Assert.Contains("once", both, StringComparison.Ordinal);
        Assert.Contains("empty", empty, StringComparison.Ordinal);
        Assert.Contains("cannot read", missing, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_keyFile);

    private static string? Parse(string[] args, string? environmentKey)
    {
        Assert.True(NodeCommand.TryParse(args, name => name == NodeCommand.MasterKeyVariable ? environmentKey : null, out var options, out var error), error);
        return options!.MasterKey;
    }
}
