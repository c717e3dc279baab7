using System.Text;
using System.Text.Json;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>
/// The canonical text of a raw primary-key token as a node returns it: a string's value (unescaped), an integer's
/// digits. Deletes and tombstones name documents by it, as the shard router does.
/// </summary>
internal static class PrimaryKeyText
{
    public static string FromToken(ReadOnlySpan<byte> token)
    {
        if (token.IsEmpty || token[0] != (byte)'"')
        {
            return Encoding.UTF8.GetString(token);
        }

        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader.GetString()!;
    }

    public static string FromToken(string token) => token.StartsWith('"') ? FromToken(Encoding.UTF8.GetBytes(token)) : token;
}
