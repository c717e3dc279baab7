using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Server;

/// <summary>Instance routes: <c>/health</c> (the orchestrator's own liveness) and <c>/version</c> (from a reachable node).</summary>
internal static class ServerRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.Get("/health", static ctx => JsonOut.WriteAsync(ctx, 200, 0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteString("status", "available");
            w.WriteEndObject();
        }));
        app.Get("/version", VersionAsync);
    }

    private static async Task VersionAsync(HttpContext ctx)
    {
        foreach (var node in ctx.ClusterView().Nodes)
        {
            var response = await node.GetAsync("version", ctx.RequestAborted).ConfigureAwait(false);
            if (response.IsSuccess)
            {
                await JsonOut.RawAsync(ctx, 200, response.Body).ConfigureAwait(false);
                return;
            }
        }

        throw MiroirErrors.NodeUnavailable("No node answered `/version`.");
    }
}
