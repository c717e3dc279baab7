using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Miroir.Proxy.Http;

/// <summary>Writes JSON responses straight into the response pipe with a <see cref="Utf8JsonWriter"/>.</summary>
public static class JsonOut
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public static async Task WriteAsync<TState>(HttpContext context, int status, TState state, Action<Utf8JsonWriter, TState> write)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(write);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
        {
            write(writer, state);
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Passes bytes through as they came from a node (already JSON).</summary>
    public static async Task RawAsync(HttpContext context, int status, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        if (!body.IsEmpty)
        {
            context.Response.ContentType = "application/json";
            await context.Response.BodyWriter.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
