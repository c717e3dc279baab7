namespace Miroir.Meili.Auth;

/// <summary>
/// The API key action a Meilisearch route needs, and the index it is bound to (null for routes over several
/// indexes, which check each index themselves). One table, Meilisearch's route guards, shared by the node and
/// the orchestrator so both authenticate every request from its method and path alone, before any body is read.
/// A path outside the table (no Meilisearch route) needs <see cref="ApiKeyActions.All"/>: the master key or a
/// key holding <c>*</c>, so no route is left without a guard.
/// </summary>
public readonly record struct RouteAction(string Action, string? IndexUid)
{
    /// <summary>The action of <paramref name="method"/> on <paramref name="path"/>; null for <c>/health</c> (always open).</summary>
    public static RouteAction? Of(string method, string path)
    {
        var parts = path.Trim('/').Split('/');
        var get = method == "GET";
        return parts switch
        {
            ["health"] => null,
            ["version"] => new(ApiKeyActions.Version, null),
            ["stats"] => new(ApiKeyActions.StatsGet, null),
            ["multi-search"] => new(ApiKeyActions.Search, null),
            ["swap-indexes"] => new(ApiKeyActions.IndexesSwap, null),
            ["keys"] or ["keys", _] => new(method switch
            {
                "POST" => ApiKeyActions.KeysCreate,
                "PATCH" => ApiKeyActions.KeysUpdate,
                "DELETE" => ApiKeyActions.KeysDelete,
                _ => ApiKeyActions.KeysGet,
            }, null),
            ["tasks", "cancel"] => new(ApiKeyActions.TasksCancel, null),
            ["tasks"] or ["tasks", _] or ["tasks", _, "documents"] => new(method == "DELETE" ? ApiKeyActions.TasksDelete : ApiKeyActions.TasksGet, null),
            ["batches"] or ["batches", _] => new(ApiKeyActions.TasksGet, null),
            ["experimental-features"] => new(get ? ApiKeyActions.ExperimentalGet : ApiKeyActions.ExperimentalUpdate, null),
            ["network"] => new(get ? ApiKeyActions.NetworkGet : ApiKeyActions.NetworkUpdate, null),
            ["dumps"] => new(ApiKeyActions.DumpsCreate, null),
            ["snapshots"] => new(ApiKeyActions.SnapshotsCreate, null),
            ["metrics"] => new(ApiKeyActions.MetricsGet, null),
            ["logs", "stream" or "stderr"] => new(ApiKeyActions.MetricsAll, null),
            ["export"] => new(ApiKeyActions.Export, null),
            ["webhooks"] or ["webhooks", _] => new(method switch
            {
                "POST" => ApiKeyActions.WebhooksCreate,
                "PATCH" => ApiKeyActions.WebhooksUpdate,
                "DELETE" => ApiKeyActions.WebhooksDelete,
                _ => ApiKeyActions.WebhooksGet,
            }, null),
            ["indexes", ..] => OfIndexes(method, get, parts),
            _ => new(ApiKeyActions.All, null),
        };
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
            "search" or "facet-search" or "similar" => new(ApiKeyActions.Search, uid),
            "stats" => new(ApiKeyActions.StatsGet, uid),
            "settings" => new(get ? ApiKeyActions.SettingsGet : ApiKeyActions.SettingsUpdate, uid),
            "documents" => new(DocumentsAction(method, parts), uid),
            "fields" => new(ApiKeyActions.FieldsPost, uid),
            "compact" => new(ApiKeyActions.IndexesCompact, uid),
            _ => new(ApiKeyActions.All, null),
        };
    }

    private static string DocumentsAction(string method, string[] parts) => method switch
    {
        "GET" => ApiKeyActions.DocumentsGet,
        "DELETE" => ApiKeyActions.DocumentsDelete,
        "POST" when parts is [_, _, _, "fetch"] => ApiKeyActions.DocumentsGet,
        "POST" when parts is [_, _, _, "delete" or "delete-batch"] => ApiKeyActions.DocumentsDelete,
        "POST" when parts is [_, _, _, "edit"] => ApiKeyActions.DocumentsAll,
        _ => ApiKeyActions.DocumentsAdd,
    };
}
