using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Miroir.Engine.Errors;

namespace Miroir.Engine.Http;

/// <summary>
/// Turns every failure into a Meilisearch error object with the right status; nothing else
/// (and never a stack trace) reaches the client.
/// </summary>
internal static class ErrorMiddleware
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
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
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; there is nobody to answer.
        }
#pragma warning disable CA1031 // The last line of defence: an internal error object, no stack trace.
        catch (Exception e) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            await JsonResponse.ErrorAsync(context, ErrorCode.Internal, e.Message).ConfigureAwait(false);
        }
    }
}
