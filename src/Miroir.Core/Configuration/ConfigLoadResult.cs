namespace Miroir.Core.Configuration;

/// <summary>Outcome of loading miroir.yaml plus environment overrides: the config and every error found.</summary>
public sealed class ConfigLoadResult
{
    internal ConfigLoadResult(MiroirConfig config, IReadOnlyList<ConfigError> errors)
    {
        Config = config;
        Errors = errors;
    }

    /// <summary>The bound config; meaningful only when <see cref="IsValid"/>.</summary>
    public MiroirConfig Config { get; }

    public IReadOnlyList<ConfigError> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    /// <summary>The config, or an exception listing every error (one per line).</summary>
    /// <exception cref="InvalidOperationException">The configuration was refused.</exception>
    public MiroirConfig GetValidConfig() => IsValid
        ? Config
        : throw new InvalidOperationException("Invalid configuration:" + Environment.NewLine
            + string.Join(Environment.NewLine, Errors.Select(e => "  " + e)));
}
