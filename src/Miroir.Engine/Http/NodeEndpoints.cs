using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Miroir.Engine.Errors;
using Miroir.Engine.Node;

namespace Miroir.Engine.Http;

/// <summary>Wires the whole HTTP surface of a node onto a web application.</summary>
internal static class NodeEndpoints
{
    public static void Map(WebApplication app, NodeContext node)
    {
        app.Use(new ErrorMiddleware(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Miroir.Engine")).InvokeAsync);
        var auth = new NodeAuth(node);
        new ServerRoutes(node, auth).Map(app);
        new IndexRoutes(node, auth).Map(app);
        new TaskRoutes(node, auth).Map(app);
        new DocumentRoutes(node, auth).Map(app);
        new SearchRoutes(node, auth).Map(app);
        new SettingsRoutes(node, auth).Map(app);
        new KeyRoutes(node, auth).Map(app);
        new BatchRoutes(node, auth).Map(app);
        app.MapFallback(static ctx => JsonResponse.ErrorAsync(ctx, ErrorCode.NotFound, "Not found."));
    }
}
