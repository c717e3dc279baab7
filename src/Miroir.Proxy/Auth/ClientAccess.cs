using Microsoft.AspNetCore.Http;
using Miroir.Meili.Auth;
using Miroir.Meili.Errors;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Auth;

/// <summary>
/// What a request authorised by an API key or a tenant token may touch, kept as a request feature for the
/// routes that name their indexes in the body or list several (POST /indexes, swap, GET /indexes).
/// Absent when the caller is unrestricted (master key, or no master key configured).
/// </summary>
internal sealed class ClientAccess(AuthDecision decision)
{
    public AuthDecision Decision => decision;

    public bool CanSee(string indexUid) => decision.IsIndexAuthorized(indexUid);

    /// <summary>Whether a task (or other record of <paramref name="indexUid"/>, null for index-less ones) is visible: index-less ones only to keys on every index.</summary>
    public static bool CanSee(HttpContext context, string? indexUid) => CanSee(Of(context), indexUid);

    /// <summary>The same check for restrictions kept past the request (a task that runs later); null is unrestricted.</summary>
    public static bool CanSee(ClientAccess? access, string? indexUid) =>
        access is null
        || (indexUid is not null ? access.CanSee(indexUid) : access.Decision.Key?.Indexes.Contains("*") != false);

    /// <summary>The caller's restrictions, or null when unrestricted.</summary>
    public static ClientAccess? Of(HttpContext context) => context.Features.Get<ClientAccess>();

    /// <summary>Refuses (403 <c>invalid_api_key</c>) unless the caller may touch <paramref name="indexUid"/>.</summary>
    public static void Require(HttpContext context, string? indexUid, string prefix = "")
    {
        if (indexUid is not null && Of(context) is { } access && !access.CanSee(indexUid))
        {
            throw new ProxyException(ErrorCode.InvalidApiKey, prefix + "The provided API key is invalid.");
        }
    }
}
