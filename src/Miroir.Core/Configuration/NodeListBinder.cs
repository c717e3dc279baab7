using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Miroir.Core.Configuration;

/// <summary>Binds the <c>nodes</c> sequence (<c>{ id, address, replica_group }</c> items).</summary>
internal static class NodeListBinder
{
    public static MiroirConfig Bind(MiroirConfig config, YamlNode value, string path, string source, List<ConfigError> errors)
    {
        if (MiroirConfigLoader.IsNull(value))
        {
            return config with { Nodes = [] };
        }

        if (value is not YamlSequenceNode sequence)
        {
            errors.Add(new ConfigError(path, "expected a list of { id, address, replica_group }", MiroirConfigLoader.Locate(source, value)));
            return config;
        }

        var nodes = new List<NodeConfig>(sequence.Children.Count);
        var before = errors.Count;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var node = BindNode(sequence.Children[i], $"{path}[{i}]", source, errors);
            if (node is not null)
            {
                nodes.Add(node);
            }
        }

        return errors.Count == before ? config with { Nodes = nodes } : config;
    }

    private static NodeConfig? BindNode(YamlNode item, string path, string source, List<ConfigError> errors)
    {
        if (item is not YamlMappingNode mapping)
        {
            errors.Add(new ConfigError(path, "expected a mapping { id, address, replica_group }", MiroirConfigLoader.Locate(source, item)));
            return null;
        }

        string? id = null;
        string? address = null;
        var group = 0;
        var malformed = false;
        foreach (var (keyNode, child) in mapping.Children)
        {
            if (!MiroirConfigLoader.TryKeyName(keyNode, source, path + ".", errors, out var name))
            {
                continue;
            }

            var location = MiroirConfigLoader.Locate(source, child);
            var text = child is YamlScalarNode scalar ? MiroirConfigLoader.ScalarText(scalar) : null;
            if (name is not ("id" or "address" or "replica_group"))
            {
                errors.Add(new ConfigError($"{path}.{name}", "unknown key (expected id, address, replica_group)", location));
            }
            else if (child is not YamlScalarNode)
            {
                errors.Add(new ConfigError($"{path}.{name}", "expected a single value", location));
                malformed = true;
            }
            else if (name == "id")
            {
                id = text;
            }
            else if (name == "address")
            {
                address = text;
            }
            else if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out group))
            {
                errors.Add(new ConfigError($"{path}.replica_group", $"expected a group number, got '{text}'", location));
            }
        }

        var where = MiroirConfigLoader.Locate(source, item);
        if (malformed)
        {
            return null;
        }

        if (id is null)
        {
            errors.Add(new ConfigError($"{path}.id", "required", where));
        }

        if (address is null)
        {
            errors.Add(new ConfigError($"{path}.address", "required", where));
        }

        return id is null || address is null ? null : new NodeConfig { Id = id, Address = address, ReplicaGroup = group };
    }
}
