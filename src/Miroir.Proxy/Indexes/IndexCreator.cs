using Miroir.Engine.Errors;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Server;
using Miroir.Proxy.Settings;
using Miroir.Proxy.Tasks;
using Miroir.Proxy.Writes;

namespace Miroir.Proxy.Indexes;

/// <summary>
/// Creates an index on every node with the same uid and primary key, then makes <c>_miroir_shard</c>
/// filterable and raises the nodes' facet limit (spec §5). Creation needs every node: if one cannot take it,
/// the nodes that did are told to delete the index again and the client gets 503.
/// </summary>
internal sealed class IndexCreator(ProxyContext context, Broadcaster broadcaster)
{
    public async Task<(MiroirTask Task, int[] Degraded)> CreateAsync(byte[] body, string? uid, string? primaryKey, CancellationToken ct)
    {
        var existed = uid is not null && context.Cluster.FindIndex(uid) is not null;
        var (responses, rejected) = await broadcaster.SendAsync(HttpMethod.Post, "indexes", body, "application/json", ct).ConfigureAwait(false);
        if (rejected is not null)
        {
            throw Broadcaster.NodeError(rejected);
        }

        if (uid is null)
        {
            throw new ProxyException(ErrorCode.MissingIndexUid, "Missing field `uid`");
        }

        var refs = new List<NodeTaskRef>();
        var nodes = context.Cluster.Nodes;
        if (!Collect(responses, refs) && !existed)
        {
            await RollbackAsync(uid, responses).ConfigureAwait(false);
            throw Unavailable(responses, "create");
        }

        if (!existed)
        {
            // Node task queues run per index in order, so the settings land right after the creation.
            var settings = ReservedSettings.InitialNodeSettings(IndexMeta.DefaultMaxValuesPerFacet);
            var path = "indexes/" + Uri.EscapeDataString(uid) + "/settings";
            var settingsResponses = await NodeFanout.SendAllAsync(nodes, n => n.SendAsync(HttpMethod.Patch, path, settings, "application/json", ct)).ConfigureAwait(false);
            if (!Collect(settingsResponses, refs))
            {
                await RollbackAsync(uid, responses).ConfigureAwait(false);
                throw Unavailable(settingsResponses, "configure");
            }

            await context.SaveIndexAsync(new IndexMeta(uid, primaryKey, context.Cluster.DefaultShards)).ConfigureAwait(false);
        }

        var details = JsonBytes.Write(primaryKey, static (w, pk) =>
        {
            w.WriteStartObject();
            if (pk is null)
            {
                w.WriteNull("primaryKey");
            }
            else
            {
                w.WriteString("primaryKey", pk);
            }

            w.WriteEndObject();
        });
        var task = await context.Tasks.RegisterAsync(uid, "indexCreation", details, 0, [.. refs]).ConfigureAwait(false);
        return (task, []);
    }

    /// <summary>Adds the enqueued node tasks to <paramref name="refs"/>; false when some node did not enqueue.</summary>
    private bool Collect(IReadOnlyList<NodeResponse?> responses, List<NodeTaskRef> refs)
    {
        // Joining nodes (write indices past the current nodes) get the index too but cannot fail its creation.
        var all = true;
        for (var i = 0; i < Math.Min(responses.Count, context.Cluster.Nodes.Count); i++)
        {
            var uid = responses[i]?.TaskUid() ?? -1;
            if (uid < 0)
            {
                all = false;
            }
            else
            {
                refs.Add(new NodeTaskRef(context.Cluster.Nodes[i].Id, uid));
            }
        }

        return all;
    }

    private async Task RollbackAsync(string uid, IReadOnlyList<NodeResponse?> created)
    {
        var nodes = context.Cluster.Snapshot.WriteClients;
        for (var i = 0; i < Math.Min(created.Count, nodes.Count); i++)
        {
            if ((created[i]?.TaskUid() ?? -1) < 0)
            {
                continue;
            }

            var r = await nodes[i].SendAsync(HttpMethod.Delete, "indexes/" + Uri.EscapeDataString(uid)).ConfigureAwait(false);
            if (!r.IsSuccess)
            {
                ProxyLog.RollbackFailed(context.Logger, "index creation", nodes[i].Id, r.Failure ?? r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    private static ProxyException Unavailable(IEnumerable<NodeResponse?> responses, string verb)
    {
        var refused = responses.FirstOrDefault(r => r is { Reached: true, IsSuccess: false });
        if (refused is not null)
        {
            return Broadcaster.NodeError(refused);
        }

        var reasons = string.Join("; ", responses.Where(r => r is { Reached: false }).Select(r => r!.Failure).Distinct());
        return MiroirErrors.NodeUnavailable($"Could not {verb} the index on every node, so nothing was kept ({reasons}).");
    }
}
