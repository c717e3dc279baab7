using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Miroir.Meili.Documents;
using Miroir.Meili.Errors;
using Miroir.Proxy.AntiEntropy;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Writes;

namespace Miroir.Proxy.Documents;

/// <summary>
/// Deletes: one id goes to its shard's owners, an id list is split per shard, a filter or delete-all goes to every
/// node. Each accepted delete is also recorded as one tombstone, so anti-entropy never copies the documents back
/// from a replica that missed it.
/// </summary>
internal sealed partial class DocumentWriteRoutes
{
    private async Task DeleteOneAsync(HttpContext ctx)
    {
        var uid = ctx.Route("uid");
        var id = ctx.Route("id");
        var deletedAt = tombstones.StampNow();
        var cluster = ctx.ClusterView();
        var view = cluster.Snapshot.Writes(cluster.ShardsOf(uid));
        var shard = view.Map.Router.GetShard(id);
        var nodes = view.Nodes;
        var responses = new NodeResponse?[nodes.Count];
        var path = "indexes/" + Uri.EscapeDataString(uid) + "/documents/" + Uri.EscapeDataString(id);
        var targets = view.Table.TargetsOf(shard).ToArray();
        var details = JsonBytes.Write(0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteNumber("providedIds", 1);
            w.WriteNull("deletedDocuments");
            w.WriteEndObject();
        });
        Func<int, bool> involved = s => s == shard;
        var intent = await commit.BeginAsync(uid, "documentDeletion", details, view.Map.GetWriteTargets(shard).Length, Touches(view, involved)).ConfigureAwait(false);
        var answers = await NodeFanout.SendAllAsync(targets.Select(t => nodes[t]).ToArray(), n => n.SendAsync(HttpMethod.Delete, path)).ConfigureAwait(false);
        for (var i = 0; i < targets.Length; i++)
        {
            responses[targets[i]] = answers[i];
        }

        var quorum = await CompleteAsync(intent, view, responses, involved).ConfigureAwait(false);
        if (deletedAt is { } at)
        {
            await tombstones.RecordAsync(Tombstone.ForIds(uid, at, [id])).ConfigureAwait(false);
        }

        await TaskAnswers.AcceptedAsync(ctx, intent, quorum, nodes).ConfigureAwait(false);
    }

    private async Task DeleteBatchAsync(HttpContext ctx)
    {
        var uid = ctx.Route("uid");
        var body = await RequestBodies.ReadAsync(ctx).ConfigureAwait(false);
        var deletedAt = tombstones.StampNow();
        var deletedIds = deletedAt is null ? null : new List<string>();
        var cluster = ctx.ClusterView();
        var view = cluster.Snapshot.Writes(cluster.ShardsOf(uid));
        var map = view.Map;
        var nodes = view.Nodes;
        var perNode = new List<string>?[nodes.Count];
        var involved = new bool[map.ShardCount];
        var count = 0;
        using (var document = JsonDocument.Parse(body))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new ProxyException(ErrorCode.InvalidDocumentIds, "Invalid value type: expected an array of document ids.");
            }

            foreach (var id in document.RootElement.EnumerateArray())
            {
                // Raw text keeps integers integers toward the node; the shard uses the canonical string.
                var canonical = id.ValueKind switch
                {
                    JsonValueKind.String => id.GetString()!,
                    JsonValueKind.Number => id.GetRawText(),
                    _ => throw new ProxyException(ErrorCode.InvalidDocumentIds, $"Invalid value type at `[{count}]`: expected a string or an integer, but found `{id.GetRawText()}`."),
                };
                var shard = map.Router.GetShard(canonical);
                deletedIds?.Add(canonical);
                involved[shard] = true;
                foreach (var target in view.Table.TargetsOf(shard))
                {
                    (perNode[target] ??= []).Add(id.GetRawText());
                }

                count++;
            }
        }

        var path = "indexes/" + Uri.EscapeDataString(uid) + "/documents/delete-batch";
        var details = JsonBytes.Write(count, static (w, n) =>
        {
            w.WriteStartObject();
            w.WriteNumber("providedIds", n);
            w.WriteNull("deletedDocuments");
            w.WriteEndObject();
        });
        Func<int, bool> involves = s => involved[s];
        var intent = await commit.BeginAsync(uid, "documentDeletion", details, map.GetWriteTargets(0).Length, Touches(view, involves)).ConfigureAwait(false);
        var responses = new NodeResponse?[nodes.Count];
        var sends = new List<Task>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (perNode[i] is { } ids)
            {
                var ordinal = i;
                var subBody = System.Text.Encoding.UTF8.GetBytes("[" + string.Join(',', ids) + "]");
                sends.Add(Task.Run(async () => responses[ordinal] = await nodes[ordinal].SendAsync(HttpMethod.Post, path, subBody, "application/json").ConfigureAwait(false)));
            }
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
        var quorum = await CompleteAsync(intent, view, responses, involves).ConfigureAwait(false);
        if (deletedAt is { } at && deletedIds!.Count > 0)
        {
            await tombstones.RecordAsync(Tombstone.ForIds(uid, at, [.. deletedIds])).ConfigureAwait(false);
        }

        await TaskAnswers.AcceptedAsync(ctx, intent, quorum, nodes).ConfigureAwait(false);
    }

    /// <summary>Delete by filter (POST with a body) or delete-all (DELETE): broadcast; a node's refusal (a bad filter) is relayed and records nothing.</summary>
    private async Task BroadcastDeleteAsync(HttpContext ctx, HttpMethod method, string suffix)
    {
        var uid = ctx.Route("uid");
        byte[]? body = method == HttpMethod.Post ? await RequestBodies.ReadAsync(ctx).ConfigureAwait(false) : null;
        if (body is not null)
        {
            CheckDeletionFilter(body);
        }

        var cluster = ctx.ClusterView();
        var copies = cluster.ShardMap(cluster.ShardsOf(uid)).GetWriteTargets(0).Length;
        var deletedAt = tombstones.StampNow();
        var path = "indexes/" + Uri.EscapeDataString(uid) + suffix;
        var intent = await broadcaster.BeginAsync(cluster, uid, "documentDeletion", touchesShards: true, copies).ConfigureAwait(false);
        var (responses, rejected) = await broadcaster.SendAsync(cluster, method, path, body, body is null ? null : "application/json", CancellationToken.None).ConfigureAwait(false);
        if (rejected is not null)
        {
            await broadcaster.AbandonAsync(intent).ConfigureAwait(false);
            await JsonOut.RawAsync(ctx, rejected.Status, rejected.Body).ConfigureAwait(false);
            return;
        }

        var quorum = await broadcaster.RegisterAsync(intent, cluster, responses, owesShards: true).ConfigureAwait(false);
        if (deletedAt is { } at && (body is null ? Tombstone.ForAll(uid, at) : Tombstone.ForFilter(uid, at, body)) is { } tombstone)
        {
            await tombstones.RecordAsync(tombstone).ConfigureAwait(false);
        }

        await TaskAnswers.AcceptedAsync(ctx, intent, quorum, cluster.Nodes).ConfigureAwait(false);
    }

    /// <summary>
    /// Refuses here, before any node is asked, what Meilisearch refuses (an empty or missing filter above all: a node
    /// that took it as "no condition" would delete every document). A body that is not JSON is left to the nodes,
    /// which refuse it with their own parse error.
    /// </summary>
    private static void CheckDeletionFilter(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            DeletionFilter.Validate(document.RootElement);
        }
    }
}
