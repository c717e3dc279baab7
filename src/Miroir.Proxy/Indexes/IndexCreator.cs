using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Miroir.Meili.Errors;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Settings;
using Miroir.Proxy.Tasks;
using Miroir.Proxy.Writes;

namespace Miroir.Proxy.Indexes;

/// <summary>
/// Creates an index on every node with the same uid and primary key, then makes <c>_miroir_shard</c>
/// filterable and raises the nodes' facet limit (spec §5). Creation needs every node: if one cannot take it,
/// the nodes that did are told to delete the index again and the client gets 503.
/// </summary>
internal sealed class IndexCreator(ClusterState cluster, TaskStore tasks, IndexCatalog indexes, Broadcaster broadcaster, ILogger logger)
{
    /// <summary>One gate per index uid: creations and first primary keys of one index never interleave.</summary>
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async Task<MiroirTask> CreateAsync(ClusterView view, byte[] body, string? uid, string? primaryKey, CancellationToken ct)
    {
        if (uid is null)
        {
            // Every node refuses it with Meilisearch's message; the first one's answer is relayed.
            var (_, rejected) = await broadcaster.SendAsync(view, HttpMethod.Post, "indexes", body, "application/json", ct).ConfigureAwait(false);
            throw rejected is not null ? Broadcaster.NodeError(rejected) : new ProxyException(ErrorCode.MissingIndexUid, "Missing field `uid`");
        }

        var gate = Gate(uid);
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // The latest metadata, not the request's view: a creation that held the gate before may have just recorded it.
            var existed = cluster.View.FindIndex(uid) is not null;
            var refs = await CreateOnNodesAsync(view, body, uid, primaryKey, existed, ct).ConfigureAwait(false);
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
            return await tasks.RegisterAsync(uid, "indexCreation", details, 0, [.. refs]).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Before a document write: creates the index with <paramref name="primaryKey"/> on every node (implicitly, as
    /// Meilisearch does: no task of its own), or records its first primary key and tells every node, so any node
    /// answers it. Returns the node tasks the write's task must also wait for.
    /// </summary>
    public async Task<NodeTaskRef[]> PrepareForDocumentsAsync(ClusterView view, string uid, string primaryKey, CancellationToken ct)
    {
        var gate = Gate(uid);
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var meta = cluster.View.FindIndex(uid); // the latest, as in CreateAsync
            if (meta is null)
            {
                var create = JsonBytes.Write((uid, primaryKey), static (w, s) =>
                {
                    w.WriteStartObject();
                    w.WriteString("uid", s.uid);
                    w.WriteString("primaryKey", s.primaryKey);
                    w.WriteEndObject();
                });
                var created = await CreateOnNodesAsync(view, create, uid, primaryKey, existed: false, ct).ConfigureAwait(false);
                return [.. created.Select(r => new NodeTaskRef(r.NodeId, r.TaskUid, auxiliary: true))];
            }

            if (meta.PrimaryKey is not null)
            {
                return meta.PrimaryKey == primaryKey
                    ? []
                    : throw new ProxyException(ErrorCode.IndexPrimaryKeyAlreadyExists, $"Index `{uid}`: Index already has a primary key: `{meta.PrimaryKey}`.");
            }

            await indexes.SaveAsync(meta with { PrimaryKey = primaryKey }).ConfigureAwait(false);
            var update = JsonBytes.Write(primaryKey, static (w, pk) =>
            {
                w.WriteStartObject();
                w.WriteString("primaryKey", pk);
                w.WriteEndObject();
            });
            var path = "indexes/" + Uri.EscapeDataString(uid);
            var responses = await NodeFanout.SendAllAsync(view.Nodes, n => n.SendAsync(HttpMethod.Patch, path, update, "application/json", ct)).ConfigureAwait(false);
            var refs = new List<NodeTaskRef>();
            Collect(view, responses, refs); // a node that missed it still gets ?primaryKey= with its documents
            return [.. refs.Select(r => new NodeTaskRef(r.NodeId, r.TaskUid, auxiliary: true))];
        }
        finally
        {
            gate.Release();
        }
    }

    private SemaphoreSlim Gate(string uid) => _gates.GetOrAdd(uid, static _ => new SemaphoreSlim(1, 1));

    /// <summary>Sends the creation and (for a new index) the reserved settings to every node; rolls back and throws unless every node took them.</summary>
    private async Task<List<NodeTaskRef>> CreateOnNodesAsync(ClusterView view, byte[] body, string uid, string? primaryKey, bool existed, CancellationToken ct)
    {
        var (responses, rejected) = await broadcaster.SendAsync(view, HttpMethod.Post, "indexes", body, "application/json", ct).ConfigureAwait(false);
        if (rejected is not null)
        {
            throw Broadcaster.NodeError(rejected);
        }

        var refs = new List<NodeTaskRef>();
        var nodes = view.Nodes;
        if (!Collect(view, responses, refs) && !existed)
        {
            await RollbackAsync(view, uid, responses).ConfigureAwait(false);
            throw Unavailable(responses, "create");
        }

        if (!existed)
        {
            // Node task queues run per index in order, so the settings land right after the creation.
            var settings = ReservedSettings.InitialNodeSettings(IndexMeta.DefaultMaxValuesPerFacet);
            var path = "indexes/" + Uri.EscapeDataString(uid) + "/settings";
            var settingsResponses = await NodeFanout.SendAllAsync(nodes, n => n.SendAsync(HttpMethod.Patch, path, settings, "application/json", ct)).ConfigureAwait(false);
            if (!Collect(view, settingsResponses, refs))
            {
                await RollbackAsync(view, uid, responses).ConfigureAwait(false);
                throw Unavailable(settingsResponses, "configure");
            }

            await indexes.SaveAsync(new IndexMeta(uid, primaryKey, view.DefaultShards)).ConfigureAwait(false);
        }

        return refs;
    }

    /// <summary>Adds the enqueued node tasks to <paramref name="refs"/>; false when some node did not enqueue.</summary>
    private static bool Collect(ClusterView view, IReadOnlyList<NodeResponse?> responses, List<NodeTaskRef> refs)
    {
        // Joining nodes (write indices past the current nodes) get the index too but cannot fail its creation.
        var all = true;
        for (var i = 0; i < Math.Min(responses.Count, view.Nodes.Count); i++)
        {
            var uid = responses[i]?.TaskUid() ?? -1;
            if (uid < 0)
            {
                all = false;
            }
            else
            {
                refs.Add(new NodeTaskRef(view.Nodes[i].Id, uid));
            }
        }

        return all;
    }

    private async Task RollbackAsync(ClusterView view, string uid, IReadOnlyList<NodeResponse?> created)
    {
        var nodes = view.Snapshot.WriteClients;
        for (var i = 0; i < Math.Min(created.Count, nodes.Count); i++)
        {
            if ((created[i]?.TaskUid() ?? -1) < 0)
            {
                continue;
            }

            var r = await nodes[i].SendAsync(HttpMethod.Delete, "indexes/" + Uri.EscapeDataString(uid)).ConfigureAwait(false);
            if (!r.IsSuccess)
            {
                ProxyLog.RollbackFailed(logger, "index creation", nodes[i].Id, r.Failure ?? r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
