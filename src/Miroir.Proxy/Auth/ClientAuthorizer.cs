using Microsoft.AspNetCore.Http;
using Miroir.Meili.Auth;

namespace Miroir.Proxy.Auth;

/// <summary>
/// Client authentication (spec §11) before any routing: the master key, API keys (actions, index patterns,
/// expiry) and tenant tokens (search only, their search rules ANDed into each query's filter) through the
/// engine's <see cref="Authorizer"/>, with Meilisearch's 401/403 errors. Without a master key the API is open
/// (and <c>/keys</c> answers <c>missing_master_key</c>, as Meilisearch does). The route table is the engine's
/// <see cref="RouteAction"/>, shared with the node; <c>/health</c> is always open; the admin API
/// (<c>/_miroir/*</c>) is <see cref="AdminKeyAuth"/>'s.
/// </summary>
internal sealed class ClientAuthorizer(KeyStore keys, TimeProvider time)
{
    private readonly Authorizer _authorizer = new(keys, time);

    // Not async: the common outcomes (open API, a key allowed, a refusal thrown) add no state machine to the request.
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (request.Path.StartsWithSegments(AdminKeyAuth.Prefix, StringComparison.Ordinal))
        {
            return next(context);
        }

        if (keys.MasterKey is null && !path.StartsWith("/keys", StringComparison.Ordinal))
        {
            // Open API: only /keys answers differently (missing_master_key); skip the route lookup.
            return next(context);
        }

        if (RouteAction.Of(request.Method, path) is not { } route)
        {
            return next(context);
        }

        var header = request.Headers.Authorization.ToString();
        var decision = _authorizer.Authorize(header.Length == 0 ? null : header, route.Action, route.IndexUid);
        if (!decision.IsAllowed)
        {
            throw decision.Error!;
        }

        if (decision.Key is not null)
        {
            context.Features.Set(new ClientAccess(decision));
            if (route.Action == ApiKeyActions.Search)
            {
                return RewriteThenNextAsync(context, decision, route.IndexUid, next);
            }
        }

        return next(context);
    }

    private static async Task RewriteThenNextAsync(HttpContext context, AuthDecision decision, string? indexUid, RequestDelegate next)
    {
        await TenantRewrite.ApplyAsync(context, decision, indexUid).ConfigureAwait(false);
        await next(context).ConfigureAwait(false);
    }
}
