using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Miroir.Proxy.Settings;

/// <summary>
/// SHA-256 of a settings object in canonical form (object members sorted by name at every depth, array order
/// kept, no whitespace): two nodes hold the same settings exactly when the hashes of their GET answers match.
/// </summary>
internal static class SettingsHash
{
    public static string Of(ReadOnlySpan<byte> settingsJson)
    {
        var reader = new Utf8JsonReader(settingsJson);
        using var document = JsonDocument.ParseValue(ref reader);
        var buffer = new ArrayBufferWriter<byte>(settingsJson.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(writer, document.RootElement);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var p in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(p.Name);
                    WriteCanonical(writer, p.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
