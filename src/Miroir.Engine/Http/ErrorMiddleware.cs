using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Miroir.Meili.Errors;
using Miroir.Meili.Http;

namespace Miroir.Engine.Http;

/// <summary>
/// Turns every failure into a Meilisearch error object with the right status; nothing else
/// (and never a stack trace) reaches the client. An unexpected failure is logged once, here.
/// </summary>
internal sealed partial class ErrorMiddleware(ILogger logger)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (MeiliException e) when (!context.Response.HasStarted)
        {
            await JsonResponse.ErrorAsync(context, e.Code, e.Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted && e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await JsonResponse.ErrorAsync(context, ErrorCode.PayloadTooLarge, RequestBody.TooLargeMessage(context)).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await JsonResponse.ErrorAsync(context, ErrorCode.BadRequest, e.Message).ConfigureAwait(false);
        }
        catch (JsonException e) when (!context.Response.HasStarted)
        {
            await JsonResponse.ErrorAsync(context, ErrorCode.BadRequest, $"The json payload provided is malformed. `{e.Message}`.").ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted && IsInvalidUtf8(e))
        {
            // Text that reached a decoder without passing the body checks (Utf8Check) is still the client's error.
            await JsonResponse.ErrorAsync(context, ErrorCode.MalformedPayload, "The json payload provided is malformed. `invalid unicode code point`.").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; there is nobody to answer.
        }
#pragma warning disable CA1031 // The last line of defence: an internal error object, no stack trace.
        catch (Exception e) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            Log.UnhandledFailure(logger, e, context.Request.Method, RouteOf(context));
            await JsonResponse.ErrorAsync(context, ErrorCode.Internal, e.Message).ConfigureAwait(false);
        }
    }

    /// <summary>System.Text.Json reports invalid UTF-8 as an InvalidOperationException around a decoder's exception.</summary>
    internal static bool IsInvalidUtf8(Exception e) =>
        e is DecoderFallbackException || e.InnerException is DecoderFallbackException;

    /// <summary>The route template (no values, so no document id nor key), or the path without its query string.</summary>
    internal static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
}
