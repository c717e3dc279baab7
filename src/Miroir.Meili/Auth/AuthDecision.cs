using System.Text.Json;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Auth;

/// <summary>
/// The outcome of authorising one request: allowed (with the key or tenant token that allowed
/// it, to scope index lists and add tenant filters) or refused with a Meilisearch error.
/// </summary>
public sealed class AuthDecision
{
    private static readonly IReadOnlyList<string> AllIndexes = ["*"];

    private AuthDecision(MeiliException? error, bool isMaster, ApiKey? key, TenantToken? tenant)
    {
        Error = error;
        IsMasterKey = isMaster;
        Key = key;
        Tenant = tenant;
    }

    /// <summary>Allowed without restriction: no master key configured, or the master key was used.</summary>
    internal static AuthDecision Unrestricted(bool isMaster) => new(null, isMaster, null, null);

    internal static AuthDecision ForKey(ApiKey key) => new(null, false, key, null);

    internal static AuthDecision ForTenant(ApiKey parent, TenantToken token) => new(null, false, parent, token);

    internal static AuthDecision Deny(MeiliException error) => new(error, false, null, null);

    public bool IsAllowed => Error is null;

    /// <summary>The error to answer with when refused (401 or 403).</summary>
    public MeiliException? Error { get; }

    public bool IsMasterKey { get; }

    /// <summary>The API key used (the parent key for a tenant token); null when unrestricted.</summary>
    public ApiKey? Key { get; }

    /// <summary>The tenant token used, if any.</summary>
    public TenantToken? Tenant { get; }

    /// <summary>
    /// Whether the caller may touch <paramref name="indexUid"/>: used for routes authorised without
    /// an index (GET /indexes, multi-search) to filter or refuse per index.
    /// </summary>
    public bool IsIndexAuthorized(string indexUid) =>
        IsAllowed
        && IndexPattern.MatchesAny(Key?.Indexes ?? AllIndexes, indexUid)
        && (Tenant is null || Tenant.Authorizes(indexUid));

    /// <summary>The tenant token's filter for <paramref name="indexUid"/>, to AND with the request's.</summary>
    public JsonElement? TenantFilter(string indexUid) => Tenant?.FilterFor(indexUid);
}
