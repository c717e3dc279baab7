using System.Text;
using Microsoft.AspNetCore.Http;
using Miroir.Proxy.Coalescing;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Reads;

/// <summary>Handlers for <c>POST</c> and <c>GET /indexes/{uid}/search</c>.</summary>
internal static class SearchRoutes
{
    public static async Task PostAsync(HttpContext ctx, ReadCluster cluster)
    {
        var started = cluster.Time.GetTimestamp();
        var uid = ctx.Request.RouteValues["uid"] as string ?? "";
        if (ReadIndex.Find(ctx.ClusterView(), uid) is not { } index)
        {
            await ReadResponse.IndexNotFoundAsync(ctx, uid).ConfigureAwait(false);
            return;
        }

        var raw = await RequestBodies.ReadAsync(ctx).ConfigureAwait(false);
        ReadOutcome outcome;
        if (ClientBody.TryParse(raw) is { } body)
        {
            var query = SearchQuery.Parse(body, index.MaxTotalHits);
            outcome = cluster.Coalescer is { } coalescer
                ? await RunSharedAsync(ctx, coalescer, cluster, index, query, started, SearchIdentity.Of('P', uid, index.SettingsVersion,
                    ctx.Request.Headers.Authorization.ToString(), raw)).ConfigureAwait(false)
                : await SearchExecution.RunAsync(cluster, index, query, started, ctx.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            // Not a JSON object: the node answers with Meilisearch's exact parse error.
            var path = "/indexes/" + Uri.EscapeDataString(uid) + "/search";
            outcome = await NodeRelay.RelayOriginalAsync(cluster, index, () => NodeCall.Post(path, raw), ctx.RequestAborted)
                .ConfigureAwait(false);
        }

        await WriteAsync(ctx, outcome).ConfigureAwait(false);
    }

    public static async Task GetAsync(HttpContext ctx, ReadCluster cluster)
    {
        var started = cluster.Time.GetTimestamp();
        var uid = ctx.Request.RouteValues["uid"] as string ?? "";
        if (ReadIndex.Find(ctx.ClusterView(), uid) is not { } index)
        {
            await ReadResponse.IndexNotFoundAsync(ctx, uid).ConfigureAwait(false);
            return;
        }

        var queryString = ctx.Request.QueryString.Value ?? "";
        var query = SearchQuery.FromQueryString(ctx.Request.Query, queryString, index.MaxTotalHits);
        var outcome = cluster.Coalescer is { } coalescer
            ? await RunSharedAsync(ctx, coalescer, cluster, index, query, started, SearchIdentity.Of('G', uid, index.SettingsVersion,
                ctx.Request.Headers.Authorization.ToString(), Encoding.UTF8.GetBytes(queryString))).ConfigureAwait(false)
            : await SearchExecution.RunAsync(cluster, index, query, started, ctx.RequestAborted).ConfigureAwait(false);
        await WriteAsync(ctx, outcome).ConfigureAwait(false);
    }

    /// <summary>The search through query coalescing: identical searches in flight share one scatter and its bytes.</summary>
    private static Task<ReadOutcome> RunSharedAsync(HttpContext ctx, QueryCoalescer<ReadOutcome> coalescer, ReadCluster cluster, ReadIndex index,
        SearchQuery query, long started, byte[] identity) =>
        coalescer.RunAsync(identity, (cluster, index, query, started),
            static (s, cancellationToken) => SearchExecution.RunAsync(s.cluster, s.index, s.query, s.started, cancellationToken), ctx.RequestAborted);

    public static Task WriteAsync(HttpContext ctx, ReadOutcome outcome)
    {
        if (outcome.IsSuccess)
        {
            ReadResponse.MarkDegraded(ctx, outcome.DegradedShards);
        }

        return ReadResponse.WriteJsonAsync(ctx, outcome.Status, outcome.Body);
    }
}
