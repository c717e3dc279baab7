using System.Buffers;
using System.Text.Json;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Node;

/// <summary>Settings as bytes for snapshots and task payloads, on the shared <see cref="SettingsJson"/>.</summary>
internal static class SettingsCodec
{
    public static byte[] Write(IndexSettings settings)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            SettingsJson.Write(w, settings);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads settings written by <see cref="Write"/>: the full object applied as a patch to the defaults.</summary>
    public static IndexSettings Read(byte[] json)
    {
        using var doc = JsonDocument.Parse(json);
        return SettingsJson.ApplyPatch(IndexSettings.Default, doc.RootElement);
    }

    public static IndexSettings ApplyPatch(IndexSettings current, JsonElement patch) => SettingsJson.ApplyPatch(current, patch);
}
