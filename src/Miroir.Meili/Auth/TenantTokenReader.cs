using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Miroir.Meili.Auth;

/// <summary>
/// Verifies a tenant token (a JWT signed HS256/HS384/HS512 with its parent API key's value) and
/// reads its claims: <c>apiKeyUid</c>, <c>searchRules</c>, optional <c>exp</c>.
/// </summary>
internal static class TenantTokenReader
{
    /// <summary>
    /// The verified rules, or null when the token is malformed, forged or expired; <paramref name="expiredAt"/>
    /// is the <c>exp</c> (unix seconds) of a genuine token past it, which Meilisearch names in its error.
    /// </summary>
    public static TenantToken? Read(string token, KeyStore keys, DateTimeOffset now, out ApiKey? parent, out long? expiredAt)
    {
        parent = null;
        expiredAt = null;
        var firstDot = token.IndexOf('.');
        var lastDot = token.LastIndexOf('.');
        if (firstDot <= 0 || lastDot == firstDot || token.IndexOf('.', firstDot + 1) != lastDot || keys.MasterKey is null)
        {
            return null;
        }

        var header = Decode(token.AsSpan(0, firstDot));
        var payload = Decode(token.AsSpan(firstDot + 1, lastDot - firstDot - 1));
        var signature = Decode(token.AsSpan(lastDot + 1));
        if (header is null || payload is null || signature is null)
        {
            return null;
        }

        try
        {
            var algorithm = ReadAlgorithm(header);
            if (algorithm is null || !TryReadClaims(payload, out var uid, out var rules, out var exp))
            {
                return null;
            }

            var key = keys.Find(uid.ToString("D"));
            if (key is null)
            {
                return null;
            }

            var secret = Encoding.UTF8.GetBytes(keys.KeyValue(key));
            var signed = Encoding.ASCII.GetBytes(token[..lastDot]);
            var expected = algorithm switch
            {
                "HS256" => HMACSHA256.HashData(secret, signed),
                "HS384" => HMACSHA384.HashData(secret, signed),
                _ => HMACSHA512.HashData(secret, signed),
            };
            if (!CryptographicOperations.FixedTimeEquals(expected, signature))
            {
                return null;
            }

            // As Meilisearch: checked once the signature holds, in whole seconds, valid through the second of `exp`.
            if (exp is { } seconds && now.ToUnixTimeSeconds() > seconds)
            {
                expiredAt = seconds;
                return null;
            }

            if (key.IsExpired(now) || !ApiKeyActions.Allows(key.Actions, ApiKeyActions.Search))
            {
                return null;
            }

            var expiresAt = exp is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : (DateTimeOffset?)null;

            parent = key;
            return new TenantToken(uid, rules, expiresAt);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[]? Decode(ReadOnlySpan<char> part)
    {
        var bytes = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        return Base64Url.TryDecodeFromChars(part, bytes, out var written) ? bytes[..written] : null;
    }

    private static string? ReadAlgorithm(byte[] header)
    {
        using var document = JsonDocument.Parse(header);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("alg", out var alg)
            && alg.ValueKind == JsonValueKind.String
            && alg.GetString() is "HS256" or "HS384" or "HS512"
                ? alg.GetString()
                : null;
    }

    private static bool TryReadClaims(byte[] payload, out Guid uid, out Dictionary<string, JsonElement?> rules, out long? exp)
    {
        uid = default;
        rules = new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
        exp = null;
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("apiKeyUid", out var uidElement)
            || uidElement.ValueKind != JsonValueKind.String
            || !Guid.TryParse(uidElement.GetString(), out uid)
            || !root.TryGetProperty("searchRules", out var searchRules))
        {
            return false;
        }

        if (root.TryGetProperty("exp", out var expElement) && expElement.ValueKind != JsonValueKind.Null)
        {
            if (!expElement.TryGetInt64(out var seconds))
            {
                return false;
            }

            exp = seconds;
        }

        return ReadRules(searchRules, rules);
    }

    private static bool ReadRules(JsonElement searchRules, Dictionary<string, JsonElement?> rules)
    {
        if (searchRules.ValueKind == JsonValueKind.Array)
        {
            foreach (var pattern in searchRules.EnumerateArray())
            {
                if (pattern.ValueKind != JsonValueKind.String || !IndexPattern.IsValid(pattern.GetString()!))
                {
                    return false;
                }

                rules[pattern.GetString()!] = null;
            }

            return true;
        }

        if (searchRules.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var rule in searchRules.EnumerateObject())
        {
            if (!IndexPattern.IsValid(rule.Name))
            {
                return false;
            }

            JsonElement? filter = null;
            if (rule.Value.ValueKind == JsonValueKind.Object)
            {
                if (rule.Value.TryGetProperty("filter", out var f) && f.ValueKind != JsonValueKind.Null)
                {
                    filter = f.Clone();
                }
            }
            else if (rule.Value.ValueKind != JsonValueKind.Null)
            {
                return false;
            }

            rules[rule.Name] = filter;
        }

        return true;
    }
}
