using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Miroir.Proxy.Http;
using Miroir.Proxy.Metrics;

namespace Miroir.Proxy.Server;

/// <summary>
/// The outer middleware of every client request: counted by <see cref="RequestMetrics"/>, and any failure answered
/// as a Meilisearch error by <see cref="ProxyErrors"/> before it is counted. One async frame for both, since each
/// frame a request awaits through costs a state machine and a continuation on the way back.
/// </summary>
internal sealed class RequestEnvelope(RequestMetrics metrics, ILogger logger)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var start = metrics.Start();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (ProxyErrors.Handles(context, e))
        {
            await ProxyErrors.WriteAsync(context, e, logger).ConfigureAwait(false);
        }
        finally
        {
            metrics.Finish(context, start);
        }
    }
}
