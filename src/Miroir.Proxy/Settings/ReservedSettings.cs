using System.Text.Json;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Routing;

namespace Miroir.Proxy.Settings;

/// <summary>
/// Settings Miroir keeps on every node whatever the client says: reserved fields stay filterable, and nodes
/// cut facet values far later than the client asked (spec §4.6) so merged facet counts are not undercounted.
/// </summary>
public static class ReservedSettings
{
    /// <summary>The <c>maxValuesPerFacet</c> nodes get; the client's own value is applied after merging.</summary>
    public const int NodeMaxValuesPerFacet = 10_000;

    /// <summary>True for names Miroir reserves (<c>_miroir_*</c>).</summary>
    public static bool IsReserved(string name) => name.StartsWith("_miroir_", StringComparison.Ordinal);

    /// <summary>
    /// The client's filterable attributes in committed node settings (JSON): plain names and the attribute patterns
    /// of granular entries, reserved fields left out. Null settings (never changed) mean none.
    /// </summary>
    public static IReadOnlyList<string> ClientFilterable(string? nodeSettings)
    {
        if (nodeSettings is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(nodeSettings);
        if (!document.RootElement.TryGetProperty("filterableAttributes", out var filterable) || filterable.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var names = new List<string>();
        foreach (var item in filterable.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                names.Add(item.GetString()!);
            }
            else if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("attributePatterns", out var patterns) && patterns.ValueKind == JsonValueKind.Array)
            {
                names.AddRange(patterns.EnumerateArray().Where(static p => p.ValueKind == JsonValueKind.String).Select(static p => p.GetString()!));
            }
        }

        return names.Where(static n => !IsReserved(n)).ToList();
    }

    /// <summary>The node value for a client <c>maxValuesPerFacet</c>.</summary>
    public static int NodeFacetLimit(int clientValue) => Math.Max(clientValue, NodeMaxValuesPerFacet);

    /// <summary>The settings body that makes a fresh node index Miroir-ready.</summary>
    public static byte[] InitialNodeSettings(int clientMaxValuesPerFacet) => JsonBytes.Write(clientMaxValuesPerFacet, static (w, max) =>
    {
        w.WriteStartObject();
        w.WriteStartArray("filterableAttributes");
        w.WriteStringValue(DocumentRoutingOptions.ShardField);
        w.WriteEndArray();
        w.WriteStartObject("faceting");
        w.WriteNumber("maxValuesPerFacet", NodeFacetLimit(max));
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>
    /// What a node needs back after a reset of <paramref name="setting"/> (null: every setting): the reserved field
    /// filterable, the raised facet limit, or both; null when the reset touched neither.
    /// </summary>
    public static byte[]? RestoreAfterReset(string? setting) => setting switch
    {
        null => InitialNodeSettings(IndexMeta.DefaultMaxValuesPerFacet),
        "filterableAttributes" => JsonBytes.Write(0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("filterableAttributes");
            w.WriteStringValue(DocumentRoutingOptions.ShardField);
            w.WriteEndArray();
            w.WriteEndObject();
        }),
        "faceting" => JsonBytes.Write(0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteStartObject("faceting");
            w.WriteNumber("maxValuesPerFacet", NodeFacetLimit(IndexMeta.DefaultMaxValuesPerFacet));
            w.WriteEndObject();
            w.WriteEndObject();
        }),
        _ => null,
    };

    /// <summary>Writes a node's <c>filterableAttributes</c> as the client sees it: reserved fields taken out (settings, task details).</summary>
    public static void WriteClientFilterable(Utf8JsonWriter w, JsonElement nodeValue)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (nodeValue.ValueKind != JsonValueKind.Array)
        {
            nodeValue.WriteTo(w);
            return;
        }

        w.WriteStartArray();
        foreach (var item in nodeValue.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !IsReserved(item.GetString()!))
            {
                item.WriteTo(w);
            }
        }

        w.WriteEndArray();
    }

    /// <summary>Writes a client <c>filterableAttributes</c> value with reserved fields removed and <c>_miroir_shard</c> added.</summary>
    public static void WriteNodeFilterable(Utf8JsonWriter w, JsonElement clientValue)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartArray();
        w.WriteStringValue(DocumentRoutingOptions.ShardField);
        if (clientValue.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in clientValue.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && IsReserved(item.GetString()!))
                {
                    continue;
                }

                item.WriteTo(w);
            }
        }

        w.WriteEndArray();
    }
}
