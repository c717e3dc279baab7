using System.Buffers;
using System.Text.Json;

namespace Miroir.Proxy.Http;

/// <summary>Small JSON values built with a <see cref="Utf8JsonWriter"/> into a byte array (request bodies, task details, state records).</summary>
public static class JsonBytes
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, state);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
