namespace Miroir.Commands.Ctl;

/// <summary>
/// Connection settings of <c>miroir ctl</c>. Each comes from its flag, else its environment variable:
/// <c>--url</c>/<c>MIROIR_URL</c> (default <c>http://127.0.0.1:7700</c>), <c>--admin-key</c>/<c>MIROIR_ADMIN_API_KEY</c>
/// (else <c>admin_key</c> in <c>~/.config/miroir/credentials</c>), <c>--api-key</c>/<c>MIROIR_MASTER_KEY</c> (for <c>/tasks</c>).
/// </summary>
internal sealed record CtlOptions(string Url, string? AdminKey, string? ApiKey)
{
    public const string DefaultUrl = "http://127.0.0.1:7700";

    /// <summary>Consumes the global flags from <paramref name="args"/>; returns the command words, or an error message.</summary>
    public static (CtlOptions? Options, string[] Command, string? Error) Parse(string[] args, Func<string, string?> env)
    {
        string? url = null, adminKey = null, apiKey = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var flag = args[i];
            if (flag is "--url" or "--admin-key" or "--api-key")
            {
                if (i + 1 >= args.Length)
                {
                    return (null, [], $"`{flag}` needs a value");
                }

                var value = args[++i];
                _ = flag switch
                {
                    "--url" => url = value,
                    "--admin-key" => adminKey = value,
                    _ => apiKey = value,
                };
            }
            else
            {
                rest.Add(flag);
            }
        }

        url ??= NonEmpty(env("MIROIR_URL")) ?? DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return (null, [], $"`{url}` is not an http(s) URL");
        }

        adminKey ??= NonEmpty(env("MIROIR_ADMIN_API_KEY")) ?? CredentialsFile(env);
        apiKey ??= NonEmpty(env("MIROIR_MASTER_KEY"));
        return (new CtlOptions(url.TrimEnd('/'), adminKey, apiKey), [.. rest], null);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary><c>admin_key = "..."</c> from <c>~/.config/miroir/credentials</c> (a flat TOML file), if present.</summary>
    private static string? CredentialsFile(Func<string, string?> env)
    {
        var home = env("HOME");
        if (string.IsNullOrEmpty(home))
        {
            return null;
        }

        var path = Path.Combine(home, ".config", "miroir", "credentials");
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0] == "admin_key")
            {
                return NonEmpty(parts[1].Trim('"', '\''));
            }
        }

        return null;
    }
}
