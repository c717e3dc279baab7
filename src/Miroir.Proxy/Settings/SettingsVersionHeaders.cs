using System.Globalization;
using Microsoft.AspNetCore.Http;
using Miroir.Meili.Auth;
using Miroir.Meili.Errors;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Settings;

/// <summary>
/// Settings freshness on index reads (search, facet search, documents, settings GETs; spec §10): answers carry
/// <c>X-Miroir-Settings-Version</c> (the committed version) and, while a change is being verified,
/// <c>X-Miroir-Settings-Inconsistent</c>. <c>X-Miroir-Min-Settings-Version</c> asks for a floor: every node
/// serves the committed version once a change committed, so a floor above it is refused with 503
/// <c>miroir_settings_version_stale</c>.
/// </summary>
internal sealed class SettingsVersionHeaders(SettingsCommitter committer)
{
    public const string VersionHeader = "X-Miroir-Settings-Version";
    public const string MinVersionHeader = "X-Miroir-Min-Settings-Version";
    public const string InconsistentHeader = "X-Miroir-Settings-Inconsistent";

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (RouteAction.Of(request.Method, request.Path.Value ?? "/") is not { IndexUid: { } uid, Action: var action }
            || action is not (ApiKeyActions.Search or ApiKeyActions.DocumentsGet or ApiKeyActions.SettingsGet)
            || context.ClusterView().FindIndex(uid) is not { } meta)
        {
            return next(context);
        }

        var floorText = request.Headers[MinVersionHeader].ToString();
        if (floorText.Length > 0)
        {
            if (!long.TryParse(floorText, NumberStyles.None, CultureInfo.InvariantCulture, out var floor))
            {
                throw new ProxyException(ErrorCode.BadRequest, $"`{MinVersionHeader}` must be a non-negative integer, got `{floorText}`.");
            }

            if (floor > meta.SettingsVersion)
            {
                throw MiroirErrors.SettingsVersionStale(uid, floor, meta.SettingsVersion);
            }
        }

        context.Response.Headers[VersionHeader] = meta.SettingsVersion.ToString(CultureInfo.InvariantCulture);
        if (committer.IsInFlight(uid))
        {
            context.Response.Headers[InconsistentHeader] = "true";
        }

        return next(context);
    }
}
