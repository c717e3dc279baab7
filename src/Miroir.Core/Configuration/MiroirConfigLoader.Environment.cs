namespace Miroir.Core.Configuration;

/// <summary>Environment overrides: every key's <c>MIROIR_*</c> variable beats the file.</summary>
public static partial class MiroirConfigLoader
{
    private static MiroirConfig ApplyEnvironment(MiroirConfig config, Func<string, string?> environment, List<ConfigError> errors)
    {
        foreach (var key in ConfigKeys.All)
        {
            var text = environment(key.EnvironmentVariable);

            // Orchestrators often export blank variables; blank means "not set", not "empty".
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            var source = "env " + key.EnvironmentVariable;
            if (key.IsList)
            {
                // The list is YAML itself, e.g. MIROIR_NODES='[{id: a, address: "http://a:7700"}]'.
                if (TryParse(text, source, errors, out var root))
                {
                    config = root is null ? config with { Nodes = [] } : NodeListBinder.Bind(config, root, key.Path, source, errors);
                }

                continue;
            }

            // Raw text, never YAML: a secret like "#x: y" must arrive unchanged.
            var (updated, error) = key.Apply(config, text);
            if (updated is null)
            {
                errors.Add(new ConfigError(key.Path, error!, source));
            }
            else
            {
                config = updated;
            }
        }

        return config;
    }
}
