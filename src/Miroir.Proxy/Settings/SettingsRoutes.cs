using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Core.Configuration;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Indexes;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Tasks;
using Miroir.Proxy.Writes;

namespace Miroir.Proxy.Settings;

/// <summary>
/// Settings routes: reads from any node (reserved fields hidden, the client's facet limit shown), writes
/// broadcast to every node with reserved fields kept filterable (the first node alone first, so invalid settings
/// are refused before any other node changes; or node by node with <c>strategy: sequential</c>), then verified and
/// committed or rolled back by <see cref="SettingsCommitter"/>.
/// </summary>
internal sealed class SettingsRoutes(
    ClusterState cluster,
    IndexCatalog indexes,
    SettingsBroadcastConfig config,
    SequentialSettingsSender sequential,
    Broadcaster broadcaster,
    SettingsCommitter committer)
{
    /// <summary>Sub-route, setting name, update verb (as Meilisearch).</summary>
    private static readonly (string Route, string Name, string Method)[] SubRoutes =
    [
        ("displayed-attributes", "displayedAttributes", "PUT"),
        ("searchable-attributes", "searchableAttributes", "PUT"),
        ("filterable-attributes", "filterableAttributes", "PUT"),
        ("sortable-attributes", "sortableAttributes", "PUT"),
        ("ranking-rules", "rankingRules", "PUT"),
        ("stop-words", "stopWords", "PUT"),
        ("synonyms", "synonyms", "PUT"),
        ("distinct-attribute", "distinctAttribute", "PUT"),
        ("typo-tolerance", "typoTolerance", "PATCH"),
        ("pagination", "pagination", "PATCH"),
        ("faceting", "faceting", "PATCH"),
        ("proximity-precision", "proximityPrecision", "PUT"),
        ("separator-tokens", "separatorTokens", "PUT"),
        ("non-separator-tokens", "nonSeparatorTokens", "PUT"),
        ("dictionary", "dictionary", "PUT"),
        ("search-cutoff-ms", "searchCutoffMs", "PUT"),
        ("embedders", "embedders", "PATCH"),
        ("localized-attributes", "localizedAttributes", "PUT"),
        ("facet-search", "facetSearch", "PUT"),
        ("prefix-search", "prefixSearch", "PUT"),
    ];

    public void Map(IEndpointRouteBuilder app)
    {
        app.Get("/indexes/{uid}/settings", ctx => ReadAsync(ctx, null));
        app.Patch("/indexes/{uid}/settings", ctx => WriteAsync(ctx, null, HttpMethod.Patch));
        app.Delete("/indexes/{uid}/settings", ctx => ResetAsync(ctx, null));
        foreach (var (route, name, method) in SubRoutes)
        {
            var pattern = "/indexes/{uid}/settings/" + route;
            app.Get(pattern, ctx => ReadAsync(ctx, (route, name)));
            app.Delete(pattern, ctx => ResetAsync(ctx, (route, name)));
            if (method == "PUT")
            {
                app.Put(pattern, ctx => WriteAsync(ctx, (route, name), HttpMethod.Put));
            }
            else
            {
                app.Patch(pattern, ctx => WriteAsync(ctx, (route, name), HttpMethod.Patch));
            }
        }
    }

    private static string PathOf(HttpContext ctx, (string Route, string Name)? sub) =>
        "indexes/" + Uri.EscapeDataString(ctx.Route("uid")) + "/settings" + (sub is { } s ? "/" + s.Route : "");

    private async Task ReadAsync(HttpContext ctx, (string Route, string Name)? sub)
    {
        var view = ctx.ClusterView();
        var response = await AnyNode.SendAsync(view.Nodes, HttpMethod.Get, PathOf(ctx, sub), ct: ctx.RequestAborted).ConfigureAwait(false);
        if (!response.Reached)
        {
            throw MiroirErrors.NodeUnavailable("No node could be reached: " + response.Failure);
        }

        if (!response.IsSuccess)
        {
            await JsonOut.RawAsync(ctx, response.Status, response.Body).ConfigureAwait(false);
            return;
        }

        var clientMax = view.MaxValuesPerFacet(ctx.Route("uid"));
        var body = sub is { } s ? SettingsRewriter.SubToClient(s.Name, response.Body, clientMax) : SettingsRewriter.ToClient(response.Body, clientMax);
        await JsonOut.RawAsync(ctx, 200, body).ConfigureAwait(false);
    }

    private async Task WriteAsync(HttpContext ctx, (string Route, string Name)? sub, HttpMethod method)
    {
        var uid = ctx.Route("uid");
        var body = await RequestBodies.ReadAsync(ctx).ConfigureAwait(false);
        int? clientMax = null;
        var nodeBody = RequestBodies.IsBlank(body)
            ? body
            : sub is { } s ? SettingsRewriter.SubToNodes(s.Name, body, out clientMax) : SettingsRewriter.ToNodes(body, out clientMax);
        var view = ctx.ClusterView();
        var snapshot = await committer.SnapshotAsync(view, uid, ctx.RequestAborted).ConfigureAwait(false);
        committer.Begin(uid);
        MiroirTask task;
        WriteQuorum quorum;
        try
        {
            task = await broadcaster.BeginAsync(view, uid, "settingsUpdate", touchesShards: true).ConfigureAwait(false);
            var (responses, rejected) = await SendAsync(view, method, PathOf(ctx, sub), nodeBody, "application/json", uid, snapshot, CancellationToken.None).ConfigureAwait(false);
            if (rejected is not null)
            {
                committer.Abandon(uid);
                await broadcaster.AbandonAsync(task).ConfigureAwait(false);
                await JsonOut.RawAsync(ctx, rejected.Status, rejected.Body).ConfigureAwait(false);
                return;
            }

            quorum = await broadcaster.RegisterAsync(task, view, responses, owesShards: true, prepare: SettingsCommitter.Hold).ConfigureAwait(false);
        }
        catch
        {
            committer.Abandon(uid);
            throw;
        }

        committer.VerifyInBackground(task, uid, snapshot);
        await RememberFacetLimitAsync(uid, clientMax).ConfigureAwait(false);
        await TaskAnswers.AcceptedAsync(ctx, task, quorum, view.Nodes).ConfigureAwait(false);
    }

    /// <summary>A reset goes to every node, followed by a PATCH restoring what Miroir needs (reserved filterable field, node facet limit).</summary>
    private async Task ResetAsync(HttpContext ctx, (string Route, string Name)? sub)
    {
        var uid = ctx.Route("uid");
        var view = ctx.ClusterView();
        var snapshot = await committer.SnapshotAsync(view, uid, ctx.RequestAborted).ConfigureAwait(false);
        committer.Begin(uid);
        MiroirTask task;
        WriteQuorum quorum;
        try
        {
            task = await broadcaster.BeginAsync(view, uid, "settingsUpdate", touchesShards: true).ConfigureAwait(false);
            var (responses, rejected) = await SendAsync(view, HttpMethod.Delete, PathOf(ctx, sub), null, null, uid, snapshot, CancellationToken.None).ConfigureAwait(false);
            if (rejected is not null)
            {
                committer.Abandon(uid);
                await broadcaster.AbandonAsync(task).ConfigureAwait(false);
                await JsonOut.RawAsync(ctx, rejected.Status, rejected.Body).ConfigureAwait(false);
                return;
            }

            NodeResponse?[]? followUp = null;
            if (ReservedSettings.RestoreAfterReset(sub?.Name) is { } restore)
            {
                var path = "indexes/" + Uri.EscapeDataString(uid) + "/settings";
                followUp = await NodeFanout.SendAllAsync(view.Nodes, n => n.SendAsync(HttpMethod.Patch, path, restore, "application/json")).ConfigureAwait(false);
            }

            quorum = await broadcaster.RegisterAsync(task, view, responses, owesShards: true, followUp: followUp, prepare: SettingsCommitter.Hold).ConfigureAwait(false);
        }
        catch
        {
            committer.Abandon(uid);
            throw;
        }

        committer.VerifyInBackground(task, uid, snapshot);
        if (sub is null || sub.Value.Name == "faceting")
        {
            await RememberFacetLimitAsync(uid, IndexMeta.DefaultMaxValuesPerFacet).ConfigureAwait(false);
        }

        await TaskAnswers.AcceptedAsync(ctx, task, quorum, view.Nodes).ConfigureAwait(false);
    }

    /// <summary>The change to the nodes, all at once or one by one (<c>settings_broadcast.strategy</c>).</summary>
    private Task<(NodeResponse?[] Responses, NodeResponse? Rejected)> SendAsync(ClusterView view,
        HttpMethod method, string path, byte[]? body, string? contentType, string uid, byte[]? snapshot, CancellationToken ct) =>
        config.Strategy == SettingsBroadcastStrategy.Sequential
            ? sequential.SendAsync(view, method, path, body, contentType, uid, snapshot, ct)
            : broadcaster.SendAsync(view, method, path, body, contentType, ct);

    private async Task RememberFacetLimitAsync(string uid, int? clientMax)
    {
        if (clientMax is not { } max)
        {
            return;
        }

        var current = cluster.View; // the latest metadata: this read-modify-write must not undo another change
        var meta = current.FindIndex(uid) ?? new IndexMeta(uid, null, current.DefaultShards);
        if (meta.MaxValuesPerFacet != max)
        {
            await indexes.SaveAsync(meta with { MaxValuesPerFacet = max }).ConfigureAwait(false);
        }
    }
}
