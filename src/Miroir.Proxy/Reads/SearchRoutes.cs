using Microsoft.AspNetCore.Http;
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
            outcome = await SearchExecution.RunAsync(cluster, index, query, started, ctx.RequestAborted).ConfigureAwait(false);
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

        var query = SearchQuery.FromQueryString(ctx.Request.Query, ctx.Request.QueryString.Value ?? "", index.MaxTotalHits);
        var outcome = await SearchExecution.RunAsync(cluster, index, query, started, ctx.RequestAborted).ConfigureAwait(false);
        await WriteAsync(ctx, outcome).ConfigureAwait(false);
    }

    public static Task WriteAsync(HttpContext ctx, ReadOutcome outcome)
    {
        if (outcome.IsSuccess)
        {
            ReadResponse.MarkDegraded(ctx, outcome.DegradedShards);
        }

        return ReadResponse.WriteJsonAsync(ctx, outcome.Status, outcome.Body);
    }
}
