using System.Text.Json;
using Miroir.Proxy.Http;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.Rebalancing;

/// <summary>Makes an index exist on a new node with the same primary key and the node-side settings of an existing node.</summary>
internal static class IndexReplicator
{
    public static async Task EnsureAsync(string uid, string? primaryKey, NodeClient source, NodeClient target, CancellationToken ct)
    {
        var indexPath = "indexes/" + Uri.EscapeDataString(uid);
        var exists = await target.GetAsync(indexPath, ct).ConfigureAwait(false);
        if (exists.Status == 404)
        {
            var create = JsonBytes.Write((uid, primaryKey), static (w, s) =>
            {
                w.WriteStartObject();
                w.WriteString("uid", s.uid);
                if (s.primaryKey is not null)
                {
                    w.WriteString("primaryKey", s.primaryKey);
                }

                w.WriteEndObject();
            });
            await RunAsync(target, await target.SendAsync(HttpMethod.Post, "indexes", create, "application/json", ct).ConfigureAwait(false), $"create `{uid}`", ct).ConfigureAwait(false);
        }
        else if (!exists.IsSuccess)
        {
            throw new MigrationException(target.Id, $"node `{target.Id}` did not answer for index `{uid}`: {ShardCopier.Reason(exists)}");
        }

        // The source's settings are the node-side form (reserved filterable field, raised facet limit): copy them as they are.
        var settings = await source.GetAsync(indexPath + "/settings", ct).ConfigureAwait(false);
        if (!settings.IsSuccess)
        {
            throw new MigrationException(source.Id, $"node `{source.Id}` did not give the settings of `{uid}`: {ShardCopier.Reason(settings)}");
        }

        await RunAsync(target, await target.SendAsync(HttpMethod.Patch, indexPath + "/settings", settings.Body, "application/json", ct).ConfigureAwait(false), $"configure `{uid}`", ct).ConfigureAwait(false);
    }

    private static async Task RunAsync(NodeClient node, NodeResponse response, string what, CancellationToken ct)
    {
        var task = response.TaskUid();
        if (task < 0)
        {
            throw new MigrationException(node.Id, $"node `{node.Id}` could not {what}: {ShardCopier.Reason(response)}");
        }

        var status = await NodeTasks.WaitAsync(node, task, ct).ConfigureAwait(false);
        if (status != "succeeded")
        {
            var detail = await node.GetAsync("tasks/" + task.ToString(System.Globalization.CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
            using var d = detail.Json();
            var error = d.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e.GetProperty("message").GetString() : status;
            throw new MigrationException(node.Id, $"node `{node.Id}` could not {what}: {error}");
        }
    }
}
