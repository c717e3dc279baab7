using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Http;

/// <summary>
/// How node and orchestrator answer a failed request, the same way: a failure of the client's own making becomes
/// its Meilisearch error, anything else an internal error (the caller logs it once, with the method and route only).
/// </summary>
public static class ErrorAnswers
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>
    /// Whether the failure ends with an answer here: the response has not started, or the client left (then
    /// nobody is answered). Anything else propagates to the server, which aborts the connection.
    /// </summary>
    public static bool Handles(HttpContext context, Exception e)
    {
        ArgumentNullException.ThrowIfNull(context);
        return !context.Response.HasStarted || IsClientGone(context, e);
    }

    /// <summary>True when the request was cancelled because its client left.</summary>
    public static bool IsClientGone(HttpContext context, Exception e)
    {
        ArgumentNullException.ThrowIfNull(context);
        return e is OperationCanceledException && context.RequestAborted.IsCancellationRequested;
    }

    /// <summary>The error a client's own mistake gets (a Meilisearch error, an oversized, unreadable or malformed body); null for anything else.</summary>
    public static ErrorAnswer? ForClientError(HttpContext context, Exception e) => e switch
    {
        MeiliException m => new ErrorAnswer(m.Code, m.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ErrorAnswer(ErrorCode.PayloadTooLarge, RequestBody.TooLargeMessage(context)),
        BadHttpRequestException b => new ErrorAnswer(ErrorCode.BadRequest, b.Message),
        JsonException j => new ErrorAnswer(ErrorCode.BadRequest, $"The json payload provided is malformed. `{j.Message}`."),
        // Text that reached a decoder without passing the body checks (Utf8Check) is still the client's error;
        // System.Text.Json wraps the decoder's exception in an InvalidOperationException.
        _ when e is DecoderFallbackException || e.InnerException is DecoderFallbackException =>
            new ErrorAnswer(ErrorCode.MalformedPayload, "The json payload provided is malformed. `invalid unicode code point`."),
        _ => null,
    };

    /// <summary>The last line of defence: an internal error object with the exception's message, never a stack trace.</summary>
    public static ErrorAnswer Internal(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new ErrorAnswer(ErrorCode.Internal, e.Message);
    }

    /// <summary>Answers with the error object (buffered first: the status can still be set when the write is reached).</summary>
    public static async Task WriteAsync(HttpContext context, ErrorAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(context);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, answer);
        }

        var response = context.Response;
        response.StatusCode = answer.Status;
        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;
        await response.BodyWriter.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The error object as JSON bytes (a task's <c>error</c>).</summary>
    public static byte[] Json(ErrorAnswer answer)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, answer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The one writer of Meilisearch's error object.</summary>
    public static void Write(Utf8JsonWriter writer, ErrorAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("message", answer.Message);
        writer.WriteString("code", answer.Code);
        writer.WriteString("type", answer.Type);
        writer.WriteString("link", answer.Link);
        writer.WriteEndObject();
    }

    /// <summary>The route template (no values, so no document id nor key), or the path without its query string: what a log line may name.</summary>
    public static string RouteOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
    }
}
