using Miroir.Engine.Auth;

namespace Miroir.Proxy.Auth;

/// <summary>
/// The API key action a client route needs, and the index it is bound to (null for routes over several
/// indexes, which check each index themselves). Same table as Meilisearch's route guards.
/// </summary>
internal readonly record struct RouteAction(string Action, string? IndexUid)
{
    /// <summary>Routes no API key may call: unknown routes need the master key (the admin API has its own key).</summary>
    public const string MasterKeyOnly = "";

    public bool IsMasterKeyOnly => Action.Length == 0;

    /// <summary>The action of <paramref name="method"/> on <paramref name="path"/>; null for <c>/health</c> (always open).</summary>
    public static RouteAction? Of(string method, string path)
    {
        var parts = path.Trim('/').Split('/');
        var get = method == "GET";
        switch (parts[0])
        {
            case "health" when parts.Length == 1:
                return null;
            case "version" when parts.Length == 1:
                return new(ApiKeyActions.Version, null);
            case "stats" when parts.Length == 1:
                return new(ApiKeyActions.StatsGet, null);
            case "multi-search" when parts.Length == 1:
                return new(ApiKeyActions.Search, null);
            case "swap-indexes" when parts.Length == 1:
                return new(ApiKeyActions.IndexesSwap, null);
            case "keys" when parts.Length <= 2:
                return new(method switch
                {
                    "POST" => ApiKeyActions.KeysCreate,
                    "PATCH" => ApiKeyActions.KeysUpdate,
                    "DELETE" => ApiKeyActions.KeysDelete,
                    _ => ApiKeyActions.KeysGet,
                }, null);
            case "tasks" when parts.Length <= 2:
                return new(parts is [_, "cancel"] ? ApiKeyActions.TasksCancel : method == "DELETE" ? ApiKeyActions.TasksDelete : ApiKeyActions.TasksGet, null);
            case "indexes":
                return OfIndexes(method, get, parts);
            default:
                return new(MasterKeyOnly, null);
        }
    }

    private static RouteAction OfIndexes(string method, bool get, string[] parts)
    {
        if (parts.Length == 1)
        {
            return new(get ? ApiKeyActions.IndexesGet : ApiKeyActions.IndexesCreate, null);
        }

        var uid = Uri.UnescapeDataString(parts[1]);
        if (parts.Length == 2)
        {
            return new(method switch
            {
                "PATCH" => ApiKeyActions.IndexesUpdate,
                "DELETE" => ApiKeyActions.IndexesDelete,
                _ => ApiKeyActions.IndexesGet,
            }, uid);
        }

        return parts[2] switch
        {
            "search" or "facet-search" => new(ApiKeyActions.Search, uid),
            "stats" => new(ApiKeyActions.StatsGet, uid),
            "settings" => new(get ? ApiKeyActions.SettingsGet : ApiKeyActions.SettingsUpdate, uid),
            "documents" => new(DocumentsAction(method, parts), uid),
            _ => new(MasterKeyOnly, null),
        };
    }

    private static string DocumentsAction(string method, string[] parts) => method switch
    {
        "GET" => ApiKeyActions.DocumentsGet,
        "DELETE" => ApiKeyActions.DocumentsDelete,
        "POST" when parts is [_, _, _, "fetch"] => ApiKeyActions.DocumentsGet,
        "POST" when parts is [_, _, _, "delete" or "delete-batch"] => ApiKeyActions.DocumentsDelete,
        _ => ApiKeyActions.DocumentsAdd,
    };
}
