using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Miroir.Engine.Errors;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Auth;

/// <summary>
/// Client authentication (spec §11): with a master key configured every route but <c>/health</c> and the admin API needs
/// <c>Authorization: Bearer &lt;master_key&gt;</c>, compared in constant time; without one the API is open.
/// </summary>
internal sealed class MasterKeyAuth
{
    private readonly byte[]? _masterKey;

    public MasterKeyAuth(string? masterKey) =>
        _masterKey = string.IsNullOrEmpty(masterKey) ? null : Encoding.UTF8.GetBytes(masterKey);

    public bool IsOpen => _masterKey is null;

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        // /_miroir/* is guarded by the admin key instead (AdminKeyAuth).
        if (_masterKey is null || context.Request.Path.Equals("/health", StringComparison.Ordinal) || AdminKeyAuth.IsAdminPath(context))
        {
            return next(context);
        }

        string header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            throw new ProxyException(ErrorCode.MissingAuthorizationHeader, "The Authorization header is missing. It must use the bearer authorization method.");
        }

        const string Bearer = "Bearer ";
        var token = header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? header[Bearer.Length..].Trim() : "";
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), _masterKey))
        {
            throw new ProxyException(ErrorCode.InvalidApiKey, "The provided API key is invalid.");
        }

        return next(context);
    }
}
