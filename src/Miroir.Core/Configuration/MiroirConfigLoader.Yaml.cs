using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Miroir.Core.Configuration;

/// <summary>YAML helpers shared by the file and the environment paths.</summary>
public static partial class MiroirConfigLoader
{
    /// <summary>Parses one YAML document; <paramref name="root"/> is null for an empty document.</summary>
    internal static bool TryParse(string yaml, string source, List<ConfigError> errors, out YamlNode? root)
    {
        root = null;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            errors.Add(new ConfigError("(syntax)", e.Message, $"{source}:{e.Start.Line}"));
            return false;
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add(new ConfigError("(syntax)", "expected a single YAML document", source));
            return false;
        }

        root = stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode) ? null : stream.Documents[0].RootNode;
        return true;
    }

    /// <summary>A scalar's text, or null for YAML null (<c>~</c>, <c>null</c>, or nothing).</summary>
    internal static string? ScalarText(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL"
            ? null
            : scalar.Value;

    internal static bool IsNull(YamlNode node) => node is YamlScalarNode scalar && ScalarText(scalar) is null;

    internal static bool TryKeyName(YamlNode keyNode, string source, string prefix, List<ConfigError> errors, out string name)
    {
        name = keyNode is YamlScalarNode scalar ? scalar.Value ?? "" : "";
        if (name.Length > 0)
        {
            return true;
        }

        errors.Add(new ConfigError(prefix + "(key)", "keys must be non-empty plain names", Locate(source, keyNode)));
        return false;
    }

    internal static string Locate(string source, YamlNode node) =>
        source.StartsWith("env ", StringComparison.Ordinal) ? source : $"{source}:{node.Start.Line}";
}
