using Miroir.Commands.Ctl;

namespace Miroir.Proxy.Tests.Ctl;

/// <summary><c>miroir ctl</c>'s connection settings: flag, then environment, then <c>~/.config/miroir/credentials</c> (TOML).</summary>
public sealed class CtlOptionsUnitTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "miroir-home-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void AdminKey_CredentialsFile_TopLevelKeyUsedSectionsIgnored()
    {
        WriteCredentials("""
            # written by the operator
            [other]
            admin_key = "not-this-one"
            """);
        Assert.Null(Resolve(null).Options!.AdminKey);

        WriteCredentials("""
            # written by the operator
            admin_key = 'literal-key'   # a comment
            [other]
            admin_key = "not-this-one"
            """);
        Assert.Equal("literal-key", Resolve(null).Options!.AdminKey);
    }

    [Fact]
    public void AdminKey_FlagThenEnvironmentThenFile()
    {
        WriteCredentials("admin_key = \"from-file\"\n");
        Assert.Equal("from-flag", Resolve("from-flag", "from-env").Options!.AdminKey);
        Assert.Equal("from-env", Resolve(null, "from-env").Options!.AdminKey);
        Assert.Equal("from-file", Resolve(null, "").Options!.AdminKey);
    }

    [Fact]
    public void AdminKey_MalformedCredentialsFile_Refused()
    {
        WriteCredentials("admin_key = unquoted\n");
        var (options, error) = Resolve(null);
        Assert.Null(options);
        Assert.Contains("credentials is not valid TOML", error, StringComparison.Ordinal);
        Assert.Equal("from-env", Resolve(null, "from-env").Options!.AdminKey);
    }

    [Fact]
    public void Url_EnvironmentThenDefault_TrailingSlashDropped()
    {
        Assert.Equal(CtlOptions.DefaultUrl, Resolve(null).Options!.Url);
        var fromEnvironment = CtlOptions.Resolve(null, null, null, name => name == "MIROIR_URL" ? "https://miroir.example:7700/" : null);
        Assert.Equal("https://miroir.example:7700", fromEnvironment.Options!.Url);
    }

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private void WriteCredentials(string toml)
    {
        var folder = Path.Combine(_home, ".config", "miroir");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "credentials"), toml);
    }

    private (CtlOptions? Options, string? Error) Resolve(string? flag, string? environment = null) =>
        CtlOptions.Resolve(null, flag, null, name => name switch
        {
            "HOME" => _home,
            "MIROIR_ADMIN_API_KEY" => environment,
            _ => null,
        });
}
