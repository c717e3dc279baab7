using System.Buffers;
using Microsoft.AspNetCore.Http;
using Miroir.Proxy.Routing;

namespace Miroir.Proxy.Http;

/// <summary>Reads a whole request body into one array (routing and fan-out need it contiguous and replayable).</summary>
internal static class RequestBodies
{
    public static async Task<byte[]> ReadAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            if (result.IsCompleted || result.IsCanceled)
            {
                var bytes = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                return bytes;
            }

            // Consume nothing so the pipe keeps accumulating the whole body.
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    /// <summary>Reads a whole body into one pooled buffer, sized from Content-Length; dispose it to return the buffer.</summary>
    /// <remarks>
    /// For document batches (megabytes): each chunk is copied out as it arrives, so the connection's pipe never holds
    /// the whole body in its small blocks, and the body is not a fresh large-object-heap array per request (whose
    /// pages the kernel must zero again every time and whose churn forces gen-2 collections).
    /// </remarks>
    public static async Task<PooledBufferWriter> ReadPooledAsync(HttpContext context)
    {
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
