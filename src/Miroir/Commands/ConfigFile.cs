using Miroir.Core.Configuration;

namespace Miroir.Commands;

/// <summary>Loads <c>miroir.yaml</c> plus <c>MIROIR_*</c> environment overrides, printing every error with its key.</summary>
internal static class ConfigFile
{
    /// <summary>Null (errors printed) when the file is unreadable or the configuration invalid.</summary>
    public static async Task<MiroirConfig?> LoadAsync(string command, string? path, bool required)
    {
        string? yaml = null;
        if (path is not null)
        {
            if (File.Exists(path))
            {
                yaml = await File.ReadAllTextAsync(path).ConfigureAwait(false);
            }
            else if (required)
            {
                await Console.Error.WriteLineAsync($"miroir {command}: configuration file `{path}` not found").ConfigureAwait(false);
                return null;
            }
        }

        var result = MiroirConfigLoader.Load(yaml, MiroirConfigLoader.ProcessEnvironment, path ?? "miroir.yaml");
        if (result.IsValid)
        {
            return result.Config;
        }

        foreach (var error in result.Errors)
        {
            await Console.Error.WriteLineAsync($"miroir {command}: invalid configuration: {error}").ConfigureAwait(false);
        }

        return null;
    }
}
