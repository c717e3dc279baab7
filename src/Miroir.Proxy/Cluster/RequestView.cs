using Microsoft.AspNetCore.Http;

namespace Miroir.Proxy.Cluster;

/// <summary>The one <see cref="ClusterView"/> of a request: captured at the door, read by every later step.</summary>
internal static class RequestView
{
    /// <summary>Middleware: captures the cluster as of the request's arrival.</summary>
    public static Func<HttpContext, RequestDelegate, Task> Door(ClusterState cluster) => (ctx, next) =>
    {
        ctx.Features.Set(cluster.View);
        return next(ctx);
    };

    /// <summary>The view captured when this request arrived.</summary>
    public static ClusterView ClusterView(this HttpContext ctx) =>
        ctx.Features.Get<ClusterView>() ?? throw new InvalidOperationException("The request has no cluster view: the door middleware is not installed.");
}
