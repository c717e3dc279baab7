namespace Miroir.Core.Configuration;

/// <summary>One refused configuration value, naming the key (e.g. <c>nodes[2].address</c>).</summary>
/// <param name="Key">Dotted key path as written in miroir.yaml.</param>
/// <param name="Message">What is wrong, with the offending value where it is not a secret.</param>
/// <param name="Location">Where it came from: <c>miroir.yaml:12</c> or <c>env MIROIR_SHARDS</c>; null for
/// cross-key validation.</param>
public sealed record ConfigError(string Key, string Message, string? Location = null)
{
    public override string ToString() => Location is null ? $"{Key}: {Message}" : $"{Key}: {Message} ({Location})";
}
