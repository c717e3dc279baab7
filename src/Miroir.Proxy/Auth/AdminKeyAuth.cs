using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Miroir.Meili.Errors;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Auth;

/// <summary>
/// Guards the whole <c>/_miroir/</c> prefix (spec §11): the admin key as <c>Authorization: Bearer</c> or
/// <c>X-Admin-Key</c>, compared in constant time. Without <c>admin.api_key</c> the master key is the admin key;
/// without either the admin API is open like the rest. With <c>admin.enabled: false</c> the prefix is not served.
/// </summary>
internal sealed class AdminKeyAuth
{
    public static readonly PathString Prefix = new("/_miroir");

    private readonly bool _enabled;
    private readonly byte[]? _key;

    public AdminKeyAuth(bool enabled, string? adminKey, string? masterKey)
    {
        _enabled = enabled;
        var key = string.IsNullOrEmpty(adminKey) ? masterKey : adminKey;
        _key = string.IsNullOrEmpty(key) ? null : Encoding.UTF8.GetBytes(key);
    }

    public static bool IsAdminPath(HttpContext context) => context.Request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal);

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsAdminPath(context))
        {
            return next(context);
        }

        if (!_enabled)
        {
            throw new ProxyException(ErrorCode.NotFound, "Not found.");
        }

        if (_key is null)
        {
            return next(context);
        }

        var token = context.Request.Headers["X-Admin-Key"].ToString();
        if (token.Length == 0)
        {
            const string Bearer = "Bearer ";
            var header = context.Request.Headers.Authorization.ToString();
            token = header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? header[Bearer.Length..].Trim() : "";
        }

        if (token.Length == 0)
        {
            throw new ProxyException(MiroirErrors.InvalidAuthCode, "auth", 401,
                "The admin API needs the admin key: send `Authorization: Bearer <admin key>` or `X-Admin-Key: <admin key>`.");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), _key))
        {
            throw new ProxyException(MiroirErrors.InvalidAuthCode, "auth", 401, "The provided admin key is invalid.");
        }

        return next(context);
    }
}
