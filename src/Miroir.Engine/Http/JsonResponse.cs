using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Miroir.Engine.Http;

/// <summary>Writes JSON responses straight into the response pipe with a <see cref="Utf8JsonWriter"/>.</summary>
internal static class JsonResponse
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public static async Task WriteAsync<TState>(HttpContext context, int status, TState state, Action<Utf8JsonWriter, TState> write)
    {
        // Written to a buffer first: if the writer throws halfway, nothing has reached the
        // response and the error middleware can still answer with a clean error object.
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, state);
        }
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;
        await response.BodyWriter.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    public static void WriteStringList(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }
        w.WriteEndArray();
    }
}
