using System.Security.Cryptography;
using System.Text;

namespace Miroir.Meili.Auth;

/// <summary>
/// Derives a key's secret value as Meilisearch does: lower-case hex of HMAC-SHA256 over the
/// uid's hyphenated lower-case text, keyed by the master key. Keys are therefore stable across
/// restarts and identical to those a Meilisearch node with the same master key would show.
/// </summary>
public static class ApiKeyDerivation
{
    public static string DeriveKey(Guid uid, string masterKey)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(masterKey), Encoding.UTF8.GetBytes(uid.ToString("D")), mac);
        return Convert.ToHexStringLower(mac);
    }
}
