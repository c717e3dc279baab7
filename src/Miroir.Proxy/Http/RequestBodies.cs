using Microsoft.AspNetCore.Http;
using Miroir.Meili.Documents;
using Miroir.Proxy.Routing;

namespace Miroir.Proxy.Http;

/// <summary>Reads a whole request body into one array (routing and fan-out need it contiguous and replayable).</summary>
internal static class RequestBodies
{
    /// <summary>
    /// A whole JSON body (search, settings, index and key bodies…), streamed in under the size limit; invalid UTF-8
    /// is refused here as Meilisearch does (<c>malformed_payload</c>), before anything parses it or touches a node.
    /// </summary>
    public static async Task<byte[]> ReadAsync(HttpContext context)
    {
        var body = await RequestBody.ReadAsync(context).ConfigureAwait(false);
        Utf8Check.EnsureJsonBody(body);
        return body;
    }

    /// <summary>Reads a whole body into one pooled buffer of its exact size; dispose it to return the buffer.</summary>
    /// <remarks>
    /// For document batches (megabytes): each chunk is copied out as it arrives, so the connection's pipe never holds
    /// the whole body in its small blocks, and the body is not a fresh large-object-heap array per request (whose
    /// pages the kernel must zero again every time and whose churn forces gen-2 collections).
    /// </remarks>
    public static async Task<PooledBufferWriter> ReadPooledAsync(HttpContext context)
    {
        if (context.Request.ContentLength is null)
        {
            // Chunked: collected in small chunks (refused as soon as it passes the limit), then one exact rent.
            using var chunks = await RequestBody.ReadChunkedAsync(context).ConfigureAwait(false);
            var whole = new PooledBufferWriter((int)chunks.Length);
            chunks.CopyTo(whole.GetSpan((int)chunks.Length));
            whole.Advance((int)chunks.Length);
            return whole;
        }

        var reader = context.Request.BodyReader;

        // Kestrel refuses a declared length over the limit (413) on this first read, before anything is rented.
        var result = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
        var body = new PooledBufferWriter((int)Math.Min(context.Request.ContentLength ?? result.Buffer.Length, Array.MaxLength));
        try
        {
            while (true)
            {
                body.Write(result.Buffer);
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return body;
                }

                result = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>True when the body is empty or whitespace.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> body) => body.Trim(" \t\r\n"u8).IsEmpty;
}
