using Microsoft.AspNetCore.Http;
using Miroir.Meili.Auth;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Settings;

/// <summary>
/// Refuses document writes (additions, updates, deletions) to a frozen index with 503 <c>miroir_index_frozen</c>;
/// reads, settings changes (the operator's way out) and index deletion still pass.
/// </summary>
internal sealed class FrozenIndexGate(IndexWriteFreeze freeze)
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (freeze.IsEmpty || HttpMethods.IsGet(request.Method))
        {
            return next(context);
        }

        if (RouteAction.Of(request.Method, request.Path.Value ?? "/") is { IndexUid: { } uid, Action: ApiKeyActions.DocumentsAdd or ApiKeyActions.DocumentsDelete }
            && freeze.ReasonOf(uid) is { } reason)
        {
            throw MiroirErrors.IndexFrozen(uid, reason);
        }

        return next(context);
    }
}
