using System.Buffers;
using System.Text.Json;

namespace Miroir.Engine.Settings;

/// <summary>
/// Whole-settings persistence: the GET /settings shape is itself a valid PATCH body, so the
/// stored form is exactly what GET answers, and loading it is a patch over the defaults.
/// </summary>
public static partial class SettingsJson
{
    /// <summary>The settings as compact UTF-8 JSON (the GET /settings body).</summary>
    public static byte[] ToBytes(IndexSettings settings)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions))
        {
            Write(writer, settings);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads settings written by <see cref="ToBytes"/> (or any valid full or partial settings object).</summary>
    public static IndexSettings Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        return ApplyPatch(IndexSettings.Default, document.RootElement);
    }
}
