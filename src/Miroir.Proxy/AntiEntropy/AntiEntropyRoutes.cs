using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>
/// On-demand reconciliation: <c>POST /_miroir/verify</c> (digests only, nothing written),
/// <c>POST /_miroir/anti-entropy/run</c> (scan and repair now) and <c>GET /_miroir/anti-entropy/status</c>.
/// </summary>
internal sealed class AntiEntropyRoutes(AntiEntropyReconciler reconciler, ILogger logger)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.Post("/_miroir/verify", ctx => RunAsync(ctx, repair: false));
        app.Post("/_miroir/anti-entropy/run", ctx => RunAsync(ctx, repair: true));
        app.Get("/_miroir/anti-entropy/status", ctx => JsonOut.WriteAsync(ctx, 200, reconciler, AntiEntropyJson.WriteStatus));
    }

    private async Task RunAsync(HttpContext ctx, bool repair)
    {
        var pass = await reconciler.RunPassAsync(repair, scheduled: false, ctx.RequestAborted).ConfigureAwait(false);
        AntiEntropyScheduler.Report(logger, pass);
        await JsonOut.WriteAsync(ctx, 200, pass, AntiEntropyJson.WritePass).ConfigureAwait(false);
    }
}
