using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Miroir.Engine.Errors;
using Miroir.Proxy.Routing;

namespace Miroir.Proxy.Http;

/// <summary>Turns every failure into a Meilisearch error object; nothing else (never a stack trace) reaches the client.</summary>
internal static class ProxyErrorMiddleware
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (ProxyException e) when (!context.Response.HasStarted)
        {
            await JsonOut.ErrorAsync(context, e).ConfigureAwait(false);
        }
        catch (MeiliException e) when (!context.Response.HasStarted)
        {
            await JsonOut.ErrorAsync(context, new ProxyException(e.Code, e.Message)).ConfigureAwait(false);
        }
        catch (DocumentRoutingException e) when (!context.Response.HasStarted)
        {
            await JsonOut.ErrorAsync(context, new ProxyException(e.Code, e.Type, e.Status, e.Message)).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted && e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await JsonOut.ErrorAsync(context, new ProxyException(ErrorCode.PayloadTooLarge, "The provided payload reached the size limit.")).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await JsonOut.ErrorAsync(context, new ProxyException(ErrorCode.BadRequest, e.Message)).ConfigureAwait(false);
        }
        catch (JsonException e) when (!context.Response.HasStarted)
        {
            await JsonOut.ErrorAsync(context, new ProxyException(ErrorCode.BadRequest, $"The json payload provided is malformed. `{e.Message}`.")).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; there is nobody to answer.
        }
#pragma warning disable CA1031 // The last line of defence: an internal error object, no stack trace.
        catch (Exception e) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            await JsonOut.ErrorAsync(context, new ProxyException(ErrorCode.Internal, e.Message)).ConfigureAwait(false);
        }
    }
}
