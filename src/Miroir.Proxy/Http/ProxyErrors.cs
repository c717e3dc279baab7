using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Miroir.Meili.Errors;
using Miroir.Proxy.Routing;

namespace Miroir.Proxy.Http;

/// <summary>Turns every failure into a Meilisearch error object; nothing else (never a stack trace) reaches the client.</summary>
internal static partial class ProxyErrors
{
    /// <summary>
    /// Whether <paramref name="e"/> ends here: answered while the response has not started, and swallowed when
    /// the client left (there is nobody to answer). Anything else propagates to the server.
    /// </summary>
    public static bool Handles(HttpContext context, Exception e) =>
        !context.Response.HasStarted || (e is OperationCanceledException && context.RequestAborted.IsCancellationRequested);

    /// <summary>Answers a failure <see cref="Handles"/> accepted; an unexpected one is logged once, here.</summary>
    public static Task WriteAsync(HttpContext context, Exception e, ILogger logger) => e switch
    {
        ProxyException p => JsonOut.ErrorAsync(context, p),
        MeiliException m => JsonOut.ErrorAsync(context, new ProxyException(m.Code, m.Message)),
        DocumentRoutingException d => JsonOut.ErrorAsync(context, new ProxyException(d.Code, d.Type, d.Status, d.Message)),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            JsonOut.ErrorAsync(context, new ProxyException(ErrorCode.PayloadTooLarge, RequestBody.TooLargeMessage(context))),
        BadHttpRequestException b => JsonOut.ErrorAsync(context, new ProxyException(ErrorCode.BadRequest, b.Message)),
        JsonException j => JsonOut.ErrorAsync(context, new ProxyException(ErrorCode.BadRequest, $"The json payload provided is malformed. `{j.Message}`.")),
        // Text that reached a decoder without passing the body checks (Utf8Check) is still the client's error.
        _ when e is DecoderFallbackException || e.InnerException is DecoderFallbackException =>
            JsonOut.ErrorAsync(context, new ProxyException(ErrorCode.MalformedPayload, "The json payload provided is malformed. `invalid unicode code point`.")),
        OperationCanceledException when context.RequestAborted.IsCancellationRequested => Task.CompletedTask,
        // The last line of defence: an internal error object, no stack trace.
        _ => Internal(context, e, logger),
    };

    private static Task Internal(HttpContext context, Exception e, ILogger logger)
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        Log.UnhandledFailure(logger, e, context.Request.Method, route);
        return JsonOut.ErrorAsync(context, new ProxyException(ErrorCode.Internal, e.Message));
    }
}
