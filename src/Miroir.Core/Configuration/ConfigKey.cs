using System.Globalization;

namespace Miroir.Core.Configuration;

/// <summary>
/// One key of miroir.yaml: its dotted path, its <c>MIROIR_*</c> environment variable and how a
/// scalar text is applied to a config. The table of all keys is <see cref="ConfigKeys"/>.
/// </summary>
public sealed class ConfigKey
{
    private readonly Func<MiroirConfig, string?, (MiroirConfig? Config, string? Error)>? _apply;

    private ConfigKey(string path, string kind, Func<MiroirConfig, string?, (MiroirConfig?, string?)>? apply)
    {
        Path = path;
        Kind = kind;
        _apply = apply;
        EnvironmentVariable = "MIROIR_" + path.Replace('.', '_').ToUpperInvariant();
    }

    /// <summary>Dotted path, e.g. <c>scatter.node_timeout_ms</c>.</summary>
    public string Path { get; }

    /// <summary>Upper-snake override variable, e.g. <c>MIROIR_SCATTER_NODE_TIMEOUT_MS</c>.</summary>
    public string EnvironmentVariable { get; }

    /// <summary>Human description of the accepted values (for errors and docs).</summary>
    public string Kind { get; }

    /// <summary>True for the structured <c>nodes</c> list (its env value is YAML).</summary>
    public bool IsList => _apply is null;

    /// <summary>Applies a scalar (null = YAML null); returns the new config or an error message.</summary>
    internal (MiroirConfig? Config, string? Error) Apply(MiroirConfig config, string? text) =>
        _apply is null ? (null, "expected a list") : _apply(config, text);

    internal static ConfigKey List(string path) => new(path, "list", null);

    internal static ConfigKey Text(string path, Func<MiroirConfig, string, MiroirConfig> set) =>
        new(path, "string", (c, text) => (set(c, text ?? ""), null));

    internal static ConfigKey Int(string path, Func<MiroirConfig, int, MiroirConfig> set) =>
        new(path, "integer", (c, text) => TryInteger(text, out var value) && value is >= int.MinValue and <= int.MaxValue
            ? (set(c, (int)value), null)
            : (null, $"expected an integer, got {Show(text)}"));

    internal static ConfigKey Long(string path, Func<MiroirConfig, long, MiroirConfig> set) =>
        new(path, "integer", (c, text) => TryInteger(text, out var value)
            ? (set(c, value), null)
            : (null, $"expected an integer, got {Show(text)}"));

    internal static ConfigKey Double(string path, Func<MiroirConfig, double, MiroirConfig> set) =>
        new(path, "number", (c, text) => text is not null
            && double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? (set(c, value), null)
            : (null, $"expected a number, got {Show(text)}"));

    internal static ConfigKey Bool(string path, Func<MiroirConfig, bool, MiroirConfig> set) =>
        new(path, "true|false", (c, text) => bool.TryParse(text, out var value)
            ? (set(c, value), null)
            : (null, $"expected true or false, got {Show(text)}"));

    internal static ConfigKey Choice<T>(string path, (string Name, T Value)[] choices, Func<MiroirConfig, T, MiroirConfig> set)
    {
        var names = string.Join("|", choices.Select(c => c.Name));
        return new(path, names, (c, text) =>
        {
            foreach (var (name, value) in choices)
            {
                if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                {
                    return (set(c, value), null);
                }
            }

            return (null, $"must be {string.Join(" or ", choices.Select(c => c.Name))}, got {Show(text)}");
        });
    }

    /// <summary>Decimal integers, optionally signed, with YAML's digit-group underscores (1_000).</summary>
    private static bool TryInteger(string? text, out long value)
    {
        value = 0;
        return text is not null
            && !text.StartsWith('_') && !text.EndsWith('_')
            && long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static string Show(string? text) => text is null ? "nothing" : $"'{text}'";
}
