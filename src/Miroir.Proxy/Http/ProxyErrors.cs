using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Miroir.Meili.Errors;
using Miroir.Proxy.Routing;

namespace Miroir.Proxy.Http;

/// <summary>
/// The orchestrator's error answers: its own failures (<see cref="ProxyException"/>, a batch the router refused) as
/// they say, the rest as the node answers them (<see cref="ErrorAnswers"/>); an unexpected failure is logged once, here.
/// </summary>
internal static partial class ProxyErrors
{
    /// <summary>
    /// Whether <paramref name="e"/> ends here: answered while the response has not started, and swallowed when
    /// the client left (there is nobody to answer). Anything else propagates to the server.
    /// </summary>
    public static bool Handles(HttpContext context, Exception e) => ErrorAnswers.Handles(context, e);

    /// <summary>Answers a failure <see cref="Handles"/> accepted.</summary>
    public static Task WriteAsync(HttpContext context, Exception e, ILogger logger)
    {
        if (ErrorAnswers.IsClientGone(context, e))
        {
            return Task.CompletedTask;
        }

        var answer = e switch
        {
            ProxyException p => p.Answer,
            DocumentRoutingException d => new ErrorAnswer(d.Status, d.Code, d.Type, d.Message),
            _ => ErrorAnswers.ForClientError(context, e),
        };
        if (answer is null)
        {
            Log.UnhandledFailure(logger, e, context.Request.Method, ErrorAnswers.RouteOf(context));
        }

        return ErrorAnswers.WriteAsync(context, answer ?? ErrorAnswers.Internal(e));
    }
}
