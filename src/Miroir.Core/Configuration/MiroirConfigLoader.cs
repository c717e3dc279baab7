using YamlDotNet.RepresentationModel;

namespace Miroir.Core.Configuration;

/// <summary>
/// Loads miroir.yaml: YAML (parsed with YamlDotNet's representation model only, no reflection,
/// so AOT-safe), then <c>MIROIR_*</c> environment overrides, then cross-key validation.
/// Precedence: defaults &lt; file &lt; environment. The environment is a parameter so tests
/// never touch the process's own.
/// </summary>
public static partial class MiroirConfigLoader
{
    /// <summary>Reads the real process environment; what <c>miroir serve</c> passes.</summary>
    public static Func<string, string?> ProcessEnvironment { get; } = Environment.GetEnvironmentVariable;

    /// <summary>Loads from YAML text (null or blank = all defaults) and an environment lookup.</summary>
    public static ConfigLoadResult Load(string? yaml, Func<string, string?> environment, string sourceName = "miroir.yaml")
    {
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new List<ConfigError>();
        var config = MiroirConfig.Default;
        if (!string.IsNullOrWhiteSpace(yaml))
        {
            config = BindDocument(yaml, sourceName, config, errors);
        }

        config = ApplyEnvironment(config, environment, errors);

        // Cross-key checks on a half-bound config would report follow-on noise; syntax first.
        if (errors.Count == 0)
        {
            errors.AddRange(ConfigValidator.Validate(config));
        }

        return new ConfigLoadResult(config, errors);
    }

    /// <summary>Loads with overrides from a fixed set of variables (tests, tools).</summary>
    public static ConfigLoadResult Load(string? yaml, IReadOnlyDictionary<string, string> environment, string sourceName = "miroir.yaml") =>
        Load(yaml, name => environment.GetValueOrDefault(name), sourceName);

    private static MiroirConfig BindDocument(string yaml, string source, MiroirConfig config, List<ConfigError> errors)
    {
        if (!TryParse(yaml, source, errors, out var root))
        {
            return config;
        }

        if (root is null)
        {
            return config;
        }

        if (root is not YamlMappingNode mapping)
        {
            errors.Add(new ConfigError("(root)", "expected a mapping of keys", Locate(source, root)));
            return config;
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            if (!TryKeyName(keyNode, source, "", errors, out var name))
            {
                continue;
            }

            if (name == "nodes")
            {
                config = NodeListBinder.Bind(config, value, name, source, errors);
            }
            else if (ConfigKeys.IsSection(name))
            {
                config = BindSection(config, name, value, source, errors);
            }
            else
            {
                config = BindScalar(config, name, value, source, errors);
            }
        }

        return config;
    }

    private static MiroirConfig BindSection(MiroirConfig config, string section, YamlNode value, string source, List<ConfigError> errors)
    {
        if (IsNull(value))
        {
            return config;
        }

        if (value is not YamlMappingNode mapping)
        {
            errors.Add(new ConfigError(section, "expected a mapping of keys", Locate(source, value)));
            return config;
        }

        foreach (var (keyNode, child) in mapping.Children)
        {
            if (TryKeyName(keyNode, source, section + ".", errors, out var name))
            {
                config = BindScalar(config, section + "." + name, child, source, errors);
            }
        }

        return config;
    }

    private static MiroirConfig BindScalar(MiroirConfig config, string path, YamlNode value, string source, List<ConfigError> errors)
    {
        var key = ConfigKeys.Find(path);
        if (key is null || key.IsList)
        {
            errors.Add(new ConfigError(path, key is null ? "unknown key" : "expected a list", Locate(source, value)));
            return config;
        }

        if (value is not YamlScalarNode scalar)
        {
            errors.Add(new ConfigError(path, $"expected a single value ({key.Kind}), got a {value.NodeType.ToString().ToLowerInvariant()}", Locate(source, value)));
            return config;
        }

        var (updated, error) = key.Apply(config, ScalarText(scalar));
        if (updated is null)
        {
            errors.Add(new ConfigError(path, error!, Locate(source, value)));
            return config;
        }

        return updated;
    }
}
