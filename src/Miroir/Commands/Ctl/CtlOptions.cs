using Tomlyn;
using Tomlyn.Parsing;

namespace Miroir.Commands.Ctl;

/// <summary>
/// Connection settings of <c>miroir ctl</c>. Each comes from its flag, else its environment variable:
/// <c>--url</c>/<c>MIROIR_URL</c> (default <c>http://127.0.0.1:7700</c>), <c>--admin-key</c>/<c>MIROIR_ADMIN_API_KEY</c>
/// (else <c>admin_key</c> in <c>~/.config/miroir/credentials</c>), <c>--api-key</c>/<c>MIROIR_MASTER_KEY</c> (for <c>/tasks</c>).
/// </summary>
internal sealed record CtlOptions(string Url, string? AdminKey, string? ApiKey)
{
    public const string DefaultUrl = "http://127.0.0.1:7700";

    /// <summary>The flags' values (null when absent) completed from the environment; or an error message.</summary>
    public static (CtlOptions? Options, string? Error) Resolve(string? url, string? adminKey, string? apiKey, Func<string, string?> env)
    {
        url ??= NonEmpty(env("MIROIR_URL")) ?? DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return (null, $"`{url}` is not an http(s) URL");
        }

        adminKey ??= NonEmpty(env("MIROIR_ADMIN_API_KEY"));
        if (adminKey is null)
        {
            (adminKey, var error) = CredentialsFile(env);
            if (error is not null)
            {
                return (null, error);
            }
        }

        apiKey ??= NonEmpty(env("MIROIR_MASTER_KEY"));
        return (new CtlOptions(url.TrimEnd('/'), adminKey, apiKey), null);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The top-level <c>admin_key = "..."</c> of <c>~/.config/miroir/credentials</c> (TOML), if the file exists.</summary>
    private static (string? AdminKey, string? Error) CredentialsFile(Func<string, string?> env)
    {
        var home = env("HOME");
        if (string.IsNullOrEmpty(home))
        {
            return (null, null);
        }

        var path = Path.Combine(home, ".config", "miroir", "credentials");
        if (!File.Exists(path))
        {
            return (null, null);
        }

        string? adminKey = null;
        try
        {
            var parser = TomlParser.Create(File.ReadAllText(path));
            while (parser.MoveNext())
            {
                // Depth 1: a key of the root table, not of a [section].
                if (parser.Current.Kind == TomlParseEventKind.PropertyName && parser.Depth == 1 && parser.GetPropertyName() == "admin_key"
                    && parser.MoveNext() && parser.Current.Kind == TomlParseEventKind.String)
                {
                    adminKey = NonEmpty(parser.GetString());
                }
            }
        }
        catch (TomlException e)
        {
            return (null, $"{path} is not valid TOML: {e.Message}");
        }

        return (adminKey, null);
    }
}
