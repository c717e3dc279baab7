using Microsoft.AspNetCore.Http;
using Miroir.Engine.Auth;
using Miroir.Engine.Node;
using Miroir.Engine.Search;

namespace Miroir.Engine.Http;

/// <summary>
/// Authorization of one request through the shared <see cref="Authorizer"/>: master key, API
/// keys (actions, index patterns, expiry) and tenant tokens; refusals become 401/403 errors.
/// </summary>
internal sealed class NodeAuth(NodeContext node)
{
    private readonly Authorizer _authorizer = new(node.Keys, node.Time);

    public AuthResult Authorize(HttpContext context, string action, string? indexUid)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var decision = _authorizer.Authorize(header.Length == 0 ? null : header, action, indexUid);
        return decision.IsAllowed ? new AuthResult(decision) : throw decision.Error!;
    }
}

/// <summary>What an authorized caller may see, and the tenant filters to add to its searches.</summary>
internal sealed class AuthResult(AuthDecision decision)
{
    public bool CanSee(string indexUid) => decision.IsIndexAuthorized(indexUid);

    /// <summary>Null when every index is visible.</summary>
    public Func<string, bool>? IndexVisible => decision.Key is null && decision.Tenant is null ? null : CanSee;

    /// <summary>ANDs a tenant token's filter for <paramref name="indexUid"/> into a search.</summary>
    public SearchRequest Restrict(string indexUid, SearchRequest request) =>
        decision.TenantFilter(indexUid) is { } tenant ? request with { Filter = TenantFilters.Fuse(request.Filter, tenant) } : request;
}
