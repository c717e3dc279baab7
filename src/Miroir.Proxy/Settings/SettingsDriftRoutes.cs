using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Settings;

/// <summary>
/// The drift check's admin view: <c>GET /_miroir/settings/drift</c> (counters and the last pass, per index and
/// node) and <c>POST /_miroir/settings/drift/run</c> (a pass now, answered when it finished).
/// </summary>
internal sealed class SettingsDriftRoutes(SettingsDriftReconciler reconciler, ILogger logger)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.Get("/_miroir/settings/drift", ctx => JsonOut.WriteAsync(ctx, 200, reconciler, SettingsDriftJson.WriteStatus));
        app.Post("/_miroir/settings/drift/run", RunAsync);
    }

    private async Task RunAsync(HttpContext ctx)
    {
        var pass = await reconciler.RunPassAsync(ctx.RequestAborted).ConfigureAwait(false);
        SettingsDriftScheduler.Report(logger, pass);
        await JsonOut.WriteAsync(ctx, 200, pass, SettingsDriftJson.WritePass).ConfigureAwait(false);
    }
}
