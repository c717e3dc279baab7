using System.Security.Cryptography;
using System.Text;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Auth;

/// <summary>
/// Decides whether a request may run: master key, API key (actions, index patterns, expiry) or
/// tenant token (search only), with Meilisearch's 401/403 errors.
/// </summary>
public sealed class Authorizer(KeyStore keys, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// Authorises <paramref name="action"/> on <paramref name="indexUid"/> (null for routes not
    /// bound to one index; check <see cref="AuthDecision.IsIndexAuthorized"/> per index then).
    /// </summary>
    public AuthDecision Authorize(string? authorizationHeader, string action, string? indexUid)
    {
        if (keys.MasterKey is not { } masterKey)
        {
            return ApiKeyActions.IsKeyManagement(action)
                ? AuthDecision.Deny(new MeiliException(
                    ErrorCode.MissingMasterKey,
                    "Meilisearch is running without a master key. To access this API endpoint, you must have set a master key at launch."))
                : AuthDecision.Unrestricted(isMaster: false);
        }

        if (ExtractBearer(authorizationHeader) is not { } token)
        {
            return AuthDecision.Deny(new MeiliException(
                ErrorCode.MissingAuthorizationHeader,
                "The Authorization header is missing. It must use the bearer authorization method."));
        }

        if (FixedTimeEquals(token, masterKey))
        {
            return AuthDecision.Unrestricted(isMaster: true);
        }

        var now = _time.GetUtcNow();
        if (keys.FindByValue(token) is { } key)
        {
            return !key.IsExpired(now)
                && ApiKeyActions.Allows(key.Actions, action)
                && (indexUid is null || IndexPattern.MatchesAny(key.Indexes, indexUid))
                    ? AuthDecision.ForKey(key)
                    : Invalid();
        }

        if (action == ApiKeyActions.Search)
        {
            if (TenantTokenReader.Read(token, keys, now, out var parent, out var expiredAt) is { } tenant && parent is not null)
            {
                var decision = AuthDecision.ForTenant(parent, tenant);
                return indexUid is null || decision.IsIndexAuthorized(indexUid) ? decision : Invalid();
            }

            if (expiredAt is { } exp)
            {
                return AuthDecision.Deny(new MeiliException(ErrorCode.InvalidApiKey,
                    $"Tenant token expired. Was valid up to `{exp}` and we're now `{now.ToUnixTimeSeconds()}`."));
            }
        }

        return Invalid();
    }

    private static AuthDecision Invalid() =>
        AuthDecision.Deny(new MeiliException(ErrorCode.InvalidApiKey, "The provided API key is invalid."));

    private static string? ExtractBearer(string? header)
    {
        const string Prefix = "Bearer ";
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var token = header[Prefix.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
