using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Miroir.Meili.Http;
using Miroir.Meili.Errors;
using Miroir.Engine.Node;

namespace Miroir.Engine.Http;

/// <summary>Wires the whole HTTP surface of a node onto a web application.</summary>
internal static class NodeEndpoints
{
    public static void Map(WebApplication app, NodeContext node)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Miroir.Engine");
        node.Logger = logger;
        app.Use(new ErrorMiddleware(logger).InvokeAsync);
        // Before every route: a handler never sees a request its caller may not make.
        app.Use(new NodeAuth(node).InvokeAsync);
        new ServerRoutes(node).Map(app);
        new IndexRoutes(node).Map(app);
        new TaskRoutes(node).Map(app);
        new DocumentRoutes(node).Map(app);
        new SearchRoutes(node).Map(app);
        new SettingsRoutes(node).Map(app);
        new KeyRoutes(node).Map(app);
        new BatchRoutes(node).Map(app);
        app.MapFallback(static ctx => ErrorAnswers.WriteAsync(ctx, new ErrorAnswer(ErrorCode.NotFound, "Not found.")));
    }
}
