using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Miroir.Meili.Http;

namespace Miroir.Engine.Http;

/// <summary>
/// Turns every failure into a Meilisearch error object with the right status (<see cref="ErrorAnswers"/>, as the
/// orchestrator does); nothing else (and never a stack trace) reaches the client. An unexpected failure is logged once, here.
/// </summary>
internal sealed partial class ErrorMiddleware(ILogger logger)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The last line of defence: every failure is answered as an error object.
        catch (Exception e) when (ErrorAnswers.Handles(context, e))
#pragma warning restore CA1031
        {
            if (ErrorAnswers.IsClientGone(context, e))
            {
                return; // there is nobody to answer
            }

            var answer = ErrorAnswers.ForClientError(context, e);
            if (answer is null)
            {
                Log.UnhandledFailure(logger, e, context.Request.Method, ErrorAnswers.RouteOf(context));
            }

            await ErrorAnswers.WriteAsync(context, answer ?? ErrorAnswers.Internal(e)).ConfigureAwait(false);
        }
    }
}
