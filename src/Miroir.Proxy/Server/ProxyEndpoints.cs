using Microsoft.AspNetCore.Builder;
using Miroir.Engine.Errors;
using Miroir.Proxy.Auth;
using Miroir.Proxy.Batches;
using Miroir.Proxy.Documents;
using Miroir.Proxy.Http;
using Miroir.Proxy.Indexes;
using Miroir.Proxy.Reads;
using Miroir.Proxy.Settings;
using Miroir.Proxy.Tasks;
using Miroir.Proxy.Writes;

namespace Miroir.Proxy.Server;

/// <summary>Wires the orchestrator's whole HTTP surface onto a web application.</summary>
internal static class ProxyEndpoints
{
    public static void Map(WebApplication app, ProxyContext context)
    {
        app.Use(ProxyErrorMiddleware.InvokeAsync);
        app.Use(new MasterKeyAuth(context.Config.MasterKey).InvokeAsync);
        var broadcaster = new Broadcaster(context);
        var creator = new IndexCreator(context, broadcaster);
        new ServerRoutes(context).Map(app);
        new TaskRoutes(context).Map(app);
        new BatchRoutes(context).Map(app);
        new ExperimentalFeatureRoutes(context, broadcaster).Map(app);
        UnsupportedRoutes.Map(app);
        new IndexRoutes(context, creator, broadcaster).Map(app);
        new SettingsRoutes(context, broadcaster).Map(app);
        new DocumentWriteRoutes(context, creator, broadcaster).Map(app);
        app.MapReadRoutes(ReadClusterFactory.FromContext(context));
        app.MapFallback(static ctx => JsonOut.ErrorAsync(ctx, new ProxyException(ErrorCode.NotFound, "Not found.")));
    }
}
