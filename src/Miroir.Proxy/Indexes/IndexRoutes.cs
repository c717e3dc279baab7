using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Proxy.AntiEntropy;
using Miroir.Proxy.Auth;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Tasks;
using Miroir.Proxy.Writes;

namespace Miroir.Proxy.Indexes;

/// <summary>Index routes: reads from any node, writes (create, update, delete, swap) broadcast to every node.</summary>
internal sealed class IndexRoutes(ClusterState cluster, TaskStore tasks, IndexCatalog indexes, TombstoneStore tombstones, IndexCreator creator, Broadcaster broadcaster)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.Get("/indexes", ListAsync);
        app.Get("/indexes/{uid}", ctx => ReadAnyAsync(ctx, "indexes/" + Uri.EscapeDataString(ctx.Route("uid"))));
        app.Post("/indexes", CreateAsync);
        app.Patch("/indexes/{uid}", UpdateAsync);
        app.Delete("/indexes/{uid}", DeleteAsync);
        app.Post("/swap-indexes", SwapAsync);

        // A swap a restart interrupted: its pairs are in the node tasks' details (read by the poller).
        foreach (var swap in tasks.Unfinished().Where(t => t.Type == "indexSwap"))
        {
            swap.Finisher = t => SwapMetaAsync(t, PairsOfNodeDetails(t));
        }
    }

    private async Task ReadAnyAsync(HttpContext ctx, string path)
    {
        var view = ctx.ClusterView();
        var response = await AnyNode.SendAsync(view.Nodes, HttpMethod.Get, path, ct: ctx.RequestAborted).ConfigureAwait(false);
        if (!response.Reached)
        {
            throw MiroirErrors.NodeUnavailable("No node could be reached: " + response.Failure);
        }

        var body = response.IsSuccess ? IndexPrimaryKeys.Fill(response.Body, view) : response.Body;
        await JsonOut.RawAsync(ctx, response.Status, body).ConfigureAwait(false);
    }

    /// <summary>GET /indexes; a key restricted to some indexes sees only those (paged after filtering, as Meilisearch does).</summary>
    private async Task ListAsync(HttpContext ctx)
    {
        var query = ctx.Request.QueryString.Value;
        if (ClientAccess.Of(ctx) is not { } access)
        {
            await ReadAnyAsync(ctx, "indexes" + query).ConfigureAwait(false);
            return;
        }

        // The node validates the client's paging first (Meilisearch's errors), then the whole list is filtered.
        var view = ctx.ClusterView();
        var checkedPage = await AnyNode.SendAsync(view.Nodes, HttpMethod.Get, "indexes" + query, ct: ctx.RequestAborted).ConfigureAwait(false);
        var all = checkedPage.IsSuccess
            ? await AnyNode.SendAsync(view.Nodes, HttpMethod.Get, "indexes?limit=" + int.MaxValue.ToString(CultureInfo.InvariantCulture), ct: ctx.RequestAborted).ConfigureAwait(false)
            : checkedPage;
        if (!all.Reached)
        {
            throw MiroirErrors.NodeUnavailable("No node could be reached: " + all.Failure);
        }

        if (!all.IsSuccess)
        {
            await JsonOut.RawAsync(ctx, all.Status, all.Body).ConfigureAwait(false);
            return;
        }

        using var page = checkedPage.Json();
        using var list = all.Json();
        var offset = page.RootElement.GetProperty("offset").GetInt32();
        var limit = page.RootElement.GetProperty("limit").GetInt32();
        var visible = list.RootElement.GetProperty("results").EnumerateArray()
            .Where(i => access.CanSee(i.GetProperty("uid").GetString()!)).ToArray();
        await JsonOut.WriteAsync(ctx, 200, (visible, offset, limit, view), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var index in s.visible.Skip(s.offset).Take(s.limit))
            {
                IndexPrimaryKeys.WriteIndex(w, index, s.view);
            }

            w.WriteEndArray();
            w.WriteNumber("offset", s.offset);
            w.WriteNumber("limit", s.limit);
            w.WriteNumber("total", s.visible.Length);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private async Task CreateAsync(HttpContext ctx)
    {
        var body = await RequestBodies.ReadAsync(ctx).ConfigureAwait(false);
        string? uid = null;
        string? primaryKey = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                uid = document.RootElement.TryGetProperty("uid", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                primaryKey = document.RootElement.TryGetProperty("primaryKey", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // The first node refuses it with Meilisearch's exact message.
        }

        ClientAccess.Require(ctx, uid);

        var task = await creator.CreateAsync(ctx.ClusterView(), body, uid, primaryKey, ctx.RequestAborted).ConfigureAwait(false);
        await TaskAnswers.AcceptedAsync(ctx, task).ConfigureAwait(false);
    }

    private async Task UpdateAsync(HttpContext ctx)
    {
        var uid = ctx.Route("uid");
        var body = await RequestBodies.ReadAsync(ctx).ConfigureAwait(false);
        var view = ctx.ClusterView();
        var task = await broadcaster.BeginAsync(view, uid, "indexUpdate", touchesShards: false).ConfigureAwait(false);
        var (responses, rejected) = await broadcaster.SendAsync(view, HttpMethod.Patch, "indexes/" + Uri.EscapeDataString(uid), body, "application/json", CancellationToken.None).ConfigureAwait(false);
        if (rejected is not null)
        {
            await broadcaster.AbandonAsync(task).ConfigureAwait(false);
            await JsonOut.RawAsync(ctx, rejected.Status, rejected.Body).ConfigureAwait(false);
            return;
        }

        var quorum = await broadcaster.RegisterAsync(task, view, responses, owesShards: false).ConfigureAwait(false);
        if (cluster.View.FindIndex(uid) is { PrimaryKey: null } meta && PrimaryKeyOf(body) is { } pk)
        {
            await indexes.SaveAsync(meta with { PrimaryKey = pk }).ConfigureAwait(false);
        }

        await TaskAnswers.AcceptedAsync(ctx, task, quorum, view.Nodes).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext ctx)
    {
        var uid = ctx.Route("uid");
        var deletedAt = tombstones.StampNow();
        await broadcaster.BroadcastTaskAsync(ctx, HttpMethod.Delete, "indexes/" + Uri.EscapeDataString(uid), null, null, uid, "indexDeletion", touchesShards: false).ConfigureAwait(false);
        if (ctx.Response.StatusCode == 202)
        {
            await indexes.ForgetAsync(uid).ConfigureAwait(false);

            // A replica that missed the index deletion must not bring its documents into an index re-created under this uid.
            if (deletedAt is { } at)
            {
                await tombstones.RecordAsync(Tombstone.ForAll(uid, at)).ConfigureAwait(false);
            }
        }
    }

    private async Task SwapAsync(HttpContext ctx)
    {
        var body = await RequestBodies.ReadAsync(ctx).ConfigureAwait(false);
        if (ClientAccess.Of(ctx) is not null)
        {
            foreach (var uid in SwappedUids(body))
            {
                ClientAccess.Require(ctx, uid);
            }
        }

        var view = ctx.ClusterView();
        var task = await broadcaster.BeginAsync(view, null, "indexSwap", touchesShards: false).ConfigureAwait(false);
        var (responses, rejected) = await broadcaster.SendAsync(view, HttpMethod.Post, "swap-indexes", body, "application/json", CancellationToken.None).ConfigureAwait(false);
        if (rejected is not null)
        {
            await broadcaster.AbandonAsync(task).ConfigureAwait(false);
            await JsonOut.RawAsync(ctx, rejected.Status, rejected.Body).ConfigureAwait(false);
            return;
        }

        // Metadata follows the documents, and only once every node swapped: a swap that fails (a missing index) leaves no trace.
        var pairs = SwappedPairs(body);
        var quorum = await broadcaster.RegisterAsync(task, view, responses, owesShards: false, prepare: t => t.Finisher = swap => SwapMetaAsync(swap, pairs)).ConfigureAwait(false);
        await TaskAnswers.AcceptedAsync(ctx, task, quorum, view.Nodes).ConfigureAwait(false);
    }

    private async Task<bool> SwapMetaAsync(MiroirTask swap, List<string[]> pairs)
    {
        if (swap.NodeTasks.Any(r => r.Status != TaskStatusNames.Succeeded))
        {
            return true;
        }

        foreach (var pair in pairs)
        {
            var current = cluster.View; // a task finisher: the metadata as of now
            var a = current.FindIndex(pair[0]);
            var b = current.FindIndex(pair[1]);
            await SwapMetaAsync(pair[0], b).ConfigureAwait(false);
            await SwapMetaAsync(pair[1], a).ConfigureAwait(false);
            await tombstones.ForgetAsync(pair[0]).ConfigureAwait(false);
            await tombstones.ForgetAsync(pair[1]).ConfigureAwait(false);
        }

        return true;
    }

    private async Task SwapMetaAsync(string uid, IndexMeta? source)
    {
        if (source is null)
        {
            await indexes.ForgetAsync(uid).ConfigureAwait(false);
        }
        else
        {
            await indexes.SaveAsync(source with { Uid = uid }).ConfigureAwait(false);
        }
    }

    /// <summary>The index pairs of a swap body the nodes accepted.</summary>
    private static List<string[]> SwappedPairs(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return [.. document.RootElement.EnumerateArray()
            .Select(swap => swap.GetProperty("indexes").EnumerateArray().Select(e => e.GetString()!).ToArray())
            .Where(pair => pair.Length == 2)];
    }

    private static List<string[]> PairsOfNodeDetails(MiroirTask swap)
    {
        var details = swap.NodeTasks.FirstOrDefault(r => r.Details is not null)?.Details;
        if (details is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(details);
        return document.RootElement.TryGetProperty("swaps", out var swaps) ? SwappedPairs(Encoding.UTF8.GetBytes(swaps.GetRawText())) : [];
    }

    /// <summary>Every index uid a swap body names (none when it is malformed: the node refuses it).</summary>
    private static List<string> SwappedUids(byte[] body)
    {
        var uids = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var swap in document.RootElement.EnumerateArray())
                {
                    if (swap.ValueKind == JsonValueKind.Object && swap.TryGetProperty("indexes", out var pair) && pair.ValueKind == JsonValueKind.Array)
                    {
                        uids.AddRange(pair.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
                    }
                }
            }
        }
        catch (JsonException)
        {
            // left to the node
        }

        return uids;
    }

    private static string? PrimaryKeyOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("primaryKey", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
