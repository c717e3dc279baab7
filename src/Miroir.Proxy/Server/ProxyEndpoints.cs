using Microsoft.AspNetCore.Builder;
using Miroir.Engine.Errors;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Server;

/// <summary>Wires the orchestrator's whole HTTP surface onto a web application.</summary>
internal static class ProxyEndpoints
{
    public static void Map(WebApplication app, ProxyContext context)
    {
        app.Use(ProxyErrorMiddleware.InvokeAsync);
        new ServerRoutes(context).Map(app);
        app.MapFallback(static ctx => JsonOut.ErrorAsync(ctx, new ProxyException(ErrorCode.NotFound, "Not found.")));
    }
}
