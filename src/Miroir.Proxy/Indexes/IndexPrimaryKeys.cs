using System.Text.Json;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Indexes;

/// <summary>
/// Index objects read from one node carry the primary key Miroir keeps in its index metadata: the answering node
/// may have received none of the documents that set or inferred it.
/// </summary>
internal static class IndexPrimaryKeys
{
    /// <summary>A node's index object, or its <c>{"results": [...]}</c> page, with the known primary keys filled in.</summary>
    public static byte[] Fill(byte[] body, ClusterView cluster)
    {
        using var document = JsonDocument.Parse(body);
        return JsonBytes.Write((document.RootElement, cluster), static (w, s) =>
        {
            var (root, cluster) = s;
            if (!root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
            {
                WriteIndex(w, root, cluster);
                return;
            }

            w.WriteStartObject();
            foreach (var p in root.EnumerateObject())
            {
                if (p.Name != "results")
                {
                    p.WriteTo(w);
                    continue;
                }

                w.WriteStartArray(p.Name);
                foreach (var index in results.EnumerateArray())
                {
                    WriteIndex(w, index, cluster);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
    }

    /// <summary>Writes one index object, its <c>primaryKey</c> from the index metadata when Miroir knows it.</summary>
    public static void WriteIndex(Utf8JsonWriter w, JsonElement index, ClusterView cluster)
    {
        var known = index.ValueKind == JsonValueKind.Object && index.TryGetProperty("uid", out var uid) && uid.ValueKind == JsonValueKind.String
            ? cluster.FindIndex(uid.GetString()!)?.PrimaryKey
            : null;
        if (known is null)
        {
            index.WriteTo(w);
            return;
        }

        w.WriteStartObject();
        foreach (var p in index.EnumerateObject())
        {
            if (p.Name == "primaryKey")
            {
                w.WriteString(p.Name, known);
            }
            else
            {
                p.WriteTo(w);
            }
        }

        w.WriteEndObject();
    }
}
