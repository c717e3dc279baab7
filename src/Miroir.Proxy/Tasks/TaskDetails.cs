using System.Text.Json;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Tasks;

/// <summary>
/// Builds the client-visible <c>details</c> of a finished task from what the nodes reported: counts that
/// every copy of a document contributes to are divided by the number of copies, counts Miroir knows
/// itself (documents received, ids provided) win over per-node counts.
/// </summary>
internal static class TaskDetails
{
    /// <summary>Details for an addition: Meilisearch reports received and (once done) indexed documents.</summary>
    public static byte[] Documents(int received) => Write(received, static (w, n) =>
    {
        w.WriteStartObject();
        w.WriteNumber("receivedDocuments", n);
        w.WriteNull("indexedDocuments");
        w.WriteEndObject();
    });

    public static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write) => JsonBytes.Write(state, write);

    public static byte[]? Final(MiroirTask task)
    {
        var nodeDetails = task.NodeTasks.FirstOrDefault(r => r.Details is not null && !r.Auxiliary)?.Details;
        if (nodeDetails is null && task.Details is null)
        {
            return null;
        }

        using var enqueued = task.Details is null ? null : JsonDocument.Parse(task.Details);
        using var node = nodeDetails is null ? null : JsonDocument.Parse(nodeDetails);
        var deleted = SumCount(task, "deletedDocuments");
        return Write((task, enqueued, node, deleted), static (w, s) =>
        {
            var (task, enqueued, node, deleted) = s;
            var succeeded = task.Status == TaskStatusNames.Succeeded;
            w.WriteStartObject();
            var written = new HashSet<string>(StringComparer.Ordinal);
            if (enqueued is not null)
            {
                foreach (var p in enqueued.RootElement.EnumerateObject())
                {
                    written.Add(p.Name);
                    if (p.Name == "indexedDocuments" && p.Value.ValueKind == JsonValueKind.Null
                        && enqueued.RootElement.TryGetProperty("receivedDocuments", out var received))
                    {
                        w.WriteNumber(p.Name, succeeded ? received.GetInt64() : 0);
                    }
                    else if (p.Value.ValueKind == JsonValueKind.Null && node is not null && node.RootElement.TryGetProperty(p.Name, out var fromNode))
                    {
                        WriteCount(w, p.Name, fromNode, deleted, task.Copies);
                    }
                    else
                    {
                        p.WriteTo(w);
                    }
                }
            }

            if (node is not null)
            {
                foreach (var p in node.RootElement.EnumerateObject())
                {
                    if (written.Add(p.Name))
                    {
                        WriteCount(w, p.Name, p.Value, deleted, task.Copies);
                    }
                }
            }

            w.WriteEndObject();
        });
    }

    private static void WriteCount(Utf8JsonWriter w, string name, JsonElement value, long? deleted, int copies)
    {
        if (name == "deletedDocuments" && deleted is { } sum && copies > 0)
        {
            w.WriteNumber(name, sum / copies);
        }
        else if (name == "filterableAttributes")
        {
            // A settings task as the node reports it: the reserved field Miroir keeps filterable stays hidden.
            w.WritePropertyName(name);
            Settings.ReservedSettings.WriteClientFilterable(w, value);
        }
        else
        {
            w.WritePropertyName(name);
            value.WriteTo(w);
        }
    }

    private static long? SumCount(MiroirTask task, string name)
    {
        long? sum = null;
        foreach (var r in task.NodeTasks)
        {
            if (r.Details is null || r.Auxiliary)
            {
                continue;
            }

            using var d = JsonDocument.Parse(r.Details);
            if (d.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number)
            {
                sum = (sum ?? 0) + v.GetInt64();
            }
        }

        return sum;
    }
}
