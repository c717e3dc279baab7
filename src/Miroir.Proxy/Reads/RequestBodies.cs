using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Miroir.Proxy.Reads;

/// <summary>Reads a (small) read-request body whole from the request pipe.</summary>
internal static class RequestBodies
{
    public static async Task<byte[]> ReadAsync(HttpContext ctx)
    {
        var reader = ctx.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(ctx.RequestAborted).ConfigureAwait(false);
            if (read.IsCompleted)
            {
                var bytes = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return bytes;
            }

            // Not done yet: leave everything unconsumed so the next read returns the whole body.
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }
}
