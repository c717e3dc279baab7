using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Miroir.Meili.Errors;

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

    public static Task ErrorAsync(HttpContext context, ErrorCode code, string message) =>
        WriteAsync(context, code.Status, (code, message), static (w, s) => WriteError(w, s.code, s.message));

    public static void WriteError(Utf8JsonWriter w, ErrorCode code, string message)
    {
        w.WriteStartObject();
        w.WriteString("message", message);
        w.WriteString("code", code.Name);
        w.WriteString("type", code.TypeName);
        w.WriteString("link", code.Link);
        w.WriteEndObject();
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
