using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Miroir.Engine.Errors;

namespace Miroir.Engine.Http;

/// <summary>Reads request bodies whole (bounded by the node's limit) and parses JSON bodies.</summary>
public static class RequestBody
{
    /// <summary>The body as one array; <c>payload_too_large</c> past the limit.</summary>
    public static async Task<byte[]> ReadAsync(HttpContext context)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? long.MaxValue;
        if (context.Request.ContentLength > limit)
        {
            throw new MeiliException(ErrorCode.PayloadTooLarge, TooLargeMessage(context));
        }
        var reader = context.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            if (result.Buffer.Length > limit)
            {
                throw new MeiliException(ErrorCode.PayloadTooLarge, TooLargeMessage(context));
            }
            if (result.IsCompleted)
            {
                var bytes = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                return bytes;
            }
            // Keep everything buffered until the end: we need the whole payload anyway.
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

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
        return body;
    }

    /// <summary>A parsed JSON body (see <see cref="ReadJsonBytesAsync"/>); <c>bad_request</c> when malformed.</summary>
    public static async Task<JsonDocument?> ReadJsonAsync(HttpContext context, bool optional = false)
    {
        var body = await ReadJsonBytesAsync(context, optional).ConfigureAwait(false);
        if (body.Length == 0)
        {
            return null;
        }
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new MeiliException(ErrorCode.BadRequest, $"The json payload provided is malformed. `{e.Message}`.");
        }
    }
}
