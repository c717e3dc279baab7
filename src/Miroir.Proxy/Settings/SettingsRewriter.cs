using System.Text.Json;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Settings;

/// <summary>
/// Rewrites settings between client and nodes: toward nodes reserved fields are kept filterable and the facet
/// limit is raised; toward clients reserved fields are hidden and the client's own facet limit is shown.
/// </summary>
internal static class SettingsRewriter
{
    /// <summary>A whole-settings PATCH body for nodes; <paramref name="clientMaxValues"/> is the client's facet limit if the body sets one.</summary>
    public static byte[] ToNodes(byte[] body, out int? clientMaxValues)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        clientMaxValues = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("faceting", out var f) ? MaxValues(f) : null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return body; // the node refuses it with Meilisearch's message
        }

        return JsonBytes.Write(root, static (w, root) =>
        {
            w.WriteStartObject();
            foreach (var p in root.EnumerateObject())
            {
                w.WritePropertyName(p.Name);
                WriteValueToNodes(w, p.Name, p.Value);
            }

            w.WriteEndObject();
        });
    }

    /// <summary>A single setting's body for nodes (sub-route PUT/PATCH).</summary>
    public static byte[] SubToNodes(string setting, byte[] body, out int? clientMaxValues)
    {
        clientMaxValues = null;
        if (setting is not ("filterableAttributes" or "faceting"))
        {
            return body;
        }

        using var document = JsonDocument.Parse(body);
        if (setting == "faceting")
        {
            clientMaxValues = MaxValues(document.RootElement);
        }

        return JsonBytes.Write((setting, document.RootElement), static (w, s) => WriteValueToNodes(w, s.setting, s.RootElement));
    }

    /// <summary>Whole settings as a node returned them, rewritten for the client.</summary>
    public static byte[] ToClient(byte[] nodeBody, int clientMaxValues)
    {
        using var document = JsonDocument.Parse(nodeBody);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return nodeBody;
        }

        return JsonBytes.Write((document.RootElement, clientMaxValues), static (w, s) =>
        {
            w.WriteStartObject();
            foreach (var p in s.RootElement.EnumerateObject())
            {
                w.WritePropertyName(p.Name);
                WriteValueToClient(w, p.Name, p.Value, s.clientMaxValues);
            }

            w.WriteEndObject();
        });
    }

    /// <summary>One setting as a node returned it, rewritten for the client.</summary>
    public static byte[] SubToClient(string setting, byte[] nodeBody, int clientMaxValues)
    {
        if (setting is not ("filterableAttributes" or "faceting"))
        {
            return nodeBody;
        }

        using var document = JsonDocument.Parse(nodeBody);
        return JsonBytes.Write((setting, document.RootElement, clientMaxValues), static (w, s) => WriteValueToClient(w, s.setting, s.RootElement, s.clientMaxValues));
    }

    private static void WriteValueToNodes(Utf8JsonWriter w, string name, JsonElement value)
    {
        if (name == "filterableAttributes")
        {
            ReservedSettings.WriteNodeFilterable(w, value);
        }
        else if (name == "faceting" && value.ValueKind == JsonValueKind.Object)
        {
            w.WriteStartObject();
            foreach (var p in value.EnumerateObject())
            {
                if (p.Name == "maxValuesPerFacet" && p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var max))
                {
                    w.WriteNumber(p.Name, ReservedSettings.NodeFacetLimit(max));
                }
                else if (p.Name == "maxValuesPerFacet" && p.Value.ValueKind == JsonValueKind.Null)
                {
                    w.WriteNumber(p.Name, ReservedSettings.NodeFacetLimit(IndexMeta.DefaultMaxValuesPerFacet));
                }
                else
                {
                    p.WriteTo(w);
                }
            }

            w.WriteEndObject();
        }
        else if (name == "faceting" && value.ValueKind == JsonValueKind.Null)
        {
            // Resetting faceting must not drop the nodes back to the client-sized limit.
            w.WriteStartObject();
            w.WriteNumber("maxValuesPerFacet", ReservedSettings.NodeFacetLimit(IndexMeta.DefaultMaxValuesPerFacet));
            w.WriteEndObject();
        }
        else
        {
            value.WriteTo(w);
        }
    }

    private static void WriteValueToClient(Utf8JsonWriter w, string name, JsonElement value, int clientMaxValues)
    {
        if (name == "filterableAttributes")
        {
            ReservedSettings.WriteClientFilterable(w, value);
        }
        else if (name == "faceting" && value.ValueKind == JsonValueKind.Object)
        {
            w.WriteStartObject();
            foreach (var p in value.EnumerateObject())
            {
                if (p.Name == "maxValuesPerFacet")
                {
                    w.WriteNumber(p.Name, clientMaxValues);
                }
                else
                {
                    p.WriteTo(w);
                }
            }

            w.WriteEndObject();
        }
        else
        {
            value.WriteTo(w);
        }
    }

    private static int? MaxValues(JsonElement faceting) =>
        faceting.ValueKind == JsonValueKind.Object
        && faceting.TryGetProperty("maxValuesPerFacet", out var m)
        && m.ValueKind == JsonValueKind.Number
        && m.TryGetInt32(out var v)
            ? v
            : faceting.ValueKind == JsonValueKind.Null || faceting.ValueKind == JsonValueKind.Object && faceting.TryGetProperty("maxValuesPerFacet", out var n) && n.ValueKind == JsonValueKind.Null
                ? IndexMeta.DefaultMaxValuesPerFacet
                : null;
}
