using System.Buffers;
using System.Text.Json;

namespace Miroir.Engine.Indexing;

/// <summary>The shallow merge behind <c>PUT /documents</c>: top-level fields of the update replace or extend the stored document.</summary>
internal static class JsonMerge
{
    public static byte[] Shallow(ReadOnlySpan<byte> existing, ReadOnlySpan<byte> update)
    {
        var oldReader = new Utf8JsonReader(existing);
        using var oldDoc = JsonDocument.ParseValue(ref oldReader);
        var newReader = new Utf8JsonReader(update);
        using var newDoc = JsonDocument.ParseValue(ref newReader);
        var buffer = new ArrayBufferWriter<byte>(existing.Length + update.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var prop in oldDoc.RootElement.EnumerateObject())
            {
                if (newDoc.RootElement.TryGetProperty(prop.Name, out var replacement))
                {
                    writer.WritePropertyName(prop.Name);
                    replacement.WriteTo(writer);
                }
                else
                {
                    prop.WriteTo(writer);
                }
            }
            foreach (var prop in newDoc.RootElement.EnumerateObject())
            {
                if (!oldDoc.RootElement.TryGetProperty(prop.Name, out _))
                {
                    prop.WriteTo(writer);
                }
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
