using Microsoft.AspNetCore.Http;
using Miroir.Meili.Auth;
using Miroir.Meili.Errors;
using Miroir.Engine.Node;
using Miroir.Engine.Search;

namespace Miroir.Engine.Http;

/// <summary>
/// Authenticates every request before its route runs, from the method and path alone (<see cref="RouteAction"/>),
/// so no handler can read or validate a body first: master key, API keys (actions, index patterns, expiry) and
/// tenant tokens through the shared <see cref="Authorizer"/>; refusals become 401/403 errors. Handlers then take
/// the caller's rights with <see cref="Of"/>.
/// </summary>
internal sealed class NodeAuth(NodeContext node)
{
    private readonly Authorizer _authorizer = new(node.Keys, node.Time);

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (RouteAction.Of(request.Method, request.Path.Value ?? "/") is not { } route)
        {
            return next(context);
        }

        var header = request.Headers.Authorization.ToString();
        var decision = _authorizer.Authorize(header.Length == 0 ? null : header, route.Action, route.IndexUid);
        if (!decision.IsAllowed)
        {
            throw decision.Error!;
        }

        context.Features.Set(new AuthResult(decision));
        return next(context);
    }

    /// <summary>The rights of the caller, set by <see cref="InvokeAsync"/> before any route runs.</summary>
    public static AuthResult Of(HttpContext context) =>
        context.Features.Get<AuthResult>() ?? throw new InvalidOperationException("The request was not authenticated.");
}

/// <summary>What an authorized caller may see, and the tenant filters to add to its searches.</summary>
internal sealed class AuthResult(AuthDecision decision)
{
    public bool CanSee(string indexUid) => decision.IsIndexAuthorized(indexUid);

    /// <summary>Null when every index is visible.</summary>
    public Func<string, bool>? IndexVisible => decision.Key is null && decision.Tenant is null ? null : CanSee;

    /// <summary>Refuses (403 <c>invalid_api_key</c>) an index named in a body or a list the caller may not touch.</summary>
    public void Require(string indexUid, string prefix = "")
    {
        if (!CanSee(indexUid))
        {
            throw new MeiliException(ErrorCode.InvalidApiKey, prefix + "The provided API key is invalid.");
        }
    }

    /// <summary>ANDs a tenant token's filter for <paramref name="indexUid"/> into a search.</summary>
    public SearchRequest Restrict(string indexUid, SearchRequest request) =>
        decision.TenantFilter(indexUid) is { } tenant ? request with { Filter = TenantFilters.Fuse(request.Filter, tenant) } : request;
}
