using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Miroir.Meili.Documents;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Http;

/// <summary>Reads request bodies whole (bounded by the node's limit) and parses JSON bodies.</summary>
public static class RequestBody
{
    /// <summary>The body as one array of its exact length; <c>payload_too_large</c> as soon as it passes the limit.</summary>
    /// <remarks>
    /// Each read is copied out of the connection's pipe as it arrives, so the pipe never holds the whole body in
    /// Kestrel's pooled blocks (which it keeps once they are returned).
    /// </remarks>
    public static async Task<byte[]> ReadAsync(HttpContext context)
    {
        if (context.Request.ContentLength is not { } declared)
        {
            using var chunks = await ReadChunkedAsync(context).ConfigureAwait(false);
            var all = chunks.Length == 0 ? [] : GC.AllocateUninitializedArray<byte>((int)chunks.Length);
            chunks.CopyTo(all);
            return all;
        }

        if (declared > Limit(context))
        {
            throw new MeiliException(ErrorCode.PayloadTooLarge, TooLargeMessage(context));
        }

        // Kestrel never lets more than the declared length through.
        var body = declared == 0 ? [] : GC.AllocateUninitializedArray<byte>((int)declared);
        var written = 0;
        var reader = context.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            result.Buffer.CopyTo(body.AsSpan(written));
            written += (int)result.Buffer.Length;
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return written == body.Length ? body : body[..written];
            }
        }
    }

    /// <summary>
    /// A body without Content-Length (chunked) read into pooled chunks; <c>payload_too_large</c> as soon as the bytes
    /// received pass the limit, before the rest is read. Dispose the chunks to return them.
    /// </summary>
    public static async Task<BodyChunks> ReadChunkedAsync(HttpContext context)
    {
        var limit = Limit(context);
        var reader = context.Request.BodyReader;
        var chunks = new BodyChunks();
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
                if (chunks.Length + result.Buffer.Length > limit)
                {
                    throw new MeiliException(ErrorCode.PayloadTooLarge, TooLargeMessage(context));
                }

                chunks.Write(result.Buffer);
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return chunks;
                }
            }
        }
        catch
        {
            var received = chunks.Length;
            chunks.Dispose();
            RefusedBodies.Forget(received);
            throw;
        }
    }

    private static long Limit(HttpContext context) =>
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? long.MaxValue;

    public static string TooLargeMessage(HttpContext context)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0;
        var text = limit % (1024 * 1024) == 0
            ? (limit / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB"
            : limit.ToString(CultureInfo.InvariantCulture) + " B";
        return $"The provided payload reached the size limit. The maximum accepted payload size is {text}.";
    }

    /// <summary>
    /// A JSON body as bytes: checks the content type like Meilisearch (<c>missing_content_type</c>,
    /// <c>invalid_content_type</c>) and that it is not empty (<c>missing_payload</c>).
    /// Returns an empty array for an empty body when <paramref name="optional"/>.
    /// </summary>
    public static async Task<byte[]> ReadJsonBytesAsync(HttpContext context, bool optional = false)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        var contentType = context.Request.ContentType;
        if (body.Length == 0 && optional)
        {
            return body;
        }
        if (string.IsNullOrEmpty(contentType))
        {
            throw new MeiliException(ErrorCode.MissingContentType,
                "A Content-Type header is missing. Accepted values for the Content-Type header are: `application/json`");
        }
        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new MeiliException(ErrorCode.InvalidContentType,
                $"The Content-Type `{contentType}` is invalid. Accepted values for the Content-Type header are: `application/json`");
        }
        if (body.Length == 0)
        {
            throw new MeiliException(ErrorCode.MissingPayload, "A json payload is missing.");
        }
        Utf8Check.EnsureJsonBody(body);
        return body;
    }

    /// <summary>A parsed JSON body (see <see cref="ReadJsonBytesAsync"/>); <c>malformed_payload</c> when it is not JSON.</summary>
    public static async Task<JsonDocument?> ReadJsonAsync(HttpContext context, bool optional = false)
    {
        var body = await ReadJsonBytesAsync(context, optional).ConfigureAwait(false);
        if (body.Length == 0)
        {
            return null;
        }
        return ParseJson(body);
    }

    /// <summary>Parses a JSON body; a syntax error is <c>malformed_payload</c>, in serde_json's words, as in Meilisearch.</summary>
    public static JsonDocument ParseJson(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new MeiliException(ErrorCode.MalformedPayload, $"The json payload provided is malformed. `{JsonErrorText.Describe(e)}`.");
        }
    }
}
