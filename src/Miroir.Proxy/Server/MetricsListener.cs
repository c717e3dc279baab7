using Microsoft.AspNetCore.Http;
using Miroir.Proxy.Admin;
using Miroir.Proxy.Metrics;

namespace Miroir.Proxy.Server;

/// <summary>
/// The unauthenticated metrics listener (<c>server.metrics_port</c>, 06-operations §3): on that port only
/// <c>GET /metrics</c> is served, before any authentication; everything else there is 404 so the client and admin
/// APIs never leak through the open port.
/// </summary>
internal sealed class MetricsListener(ProxyMetrics metrics, Func<int> boundPort)
{
    public Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var port = boundPort();
        if (port == 0 || ctx.Connection.LocalPort != port)
        {
            return next(ctx);
        }

        if (HttpMethods.IsGet(ctx.Request.Method) && ctx.Request.Path.Equals("/metrics", StringComparison.Ordinal))
        {
            return AdminRoutes.WriteMetricsAsync(ctx, metrics);
        }

        ctx.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
