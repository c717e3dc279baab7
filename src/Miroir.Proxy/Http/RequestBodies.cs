using System.Buffers;
using Microsoft.AspNetCore.Http;

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

    /// <summary>True when the body is empty or whitespace.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> body) => body.Trim(" \t\r\n"u8).IsEmpty;
}
