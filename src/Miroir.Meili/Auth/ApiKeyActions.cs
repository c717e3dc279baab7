namespace Miroir.Meili.Auth;

/// <summary>Meilisearch's API key actions and how a granted action covers a requested one.</summary>
public static class ApiKeyActions
{
    public const string All = "*";
    public const string Search = "search";
    public const string DocumentsAdd = "documents.add";
    public const string DocumentsGet = "documents.get";
    public const string DocumentsDelete = "documents.delete";
    public const string IndexesCreate = "indexes.create";
    public const string IndexesGet = "indexes.get";
    public const string IndexesUpdate = "indexes.update";
    public const string IndexesDelete = "indexes.delete";
    public const string IndexesSwap = "indexes.swap";
    public const string TasksCancel = "tasks.cancel";
    public const string TasksDelete = "tasks.delete";
    public const string TasksGet = "tasks.get";
    public const string SettingsGet = "settings.get";
    public const string SettingsUpdate = "settings.update";
    public const string StatsGet = "stats.get";
    public const string MetricsGet = "metrics.get";
    public const string DumpsCreate = "dumps.create";
    public const string SnapshotsCreate = "snapshots.create";
    public const string Version = "version";
    public const string KeysCreate = "keys.create";
    public const string KeysGet = "keys.get";
    public const string KeysUpdate = "keys.update";
    public const string KeysDelete = "keys.delete";
    public const string ExperimentalGet = "experimental.get";
    public const string ExperimentalUpdate = "experimental.update";
    public const string NetworkGet = "network.get";
    public const string NetworkUpdate = "network.update";
    public const string DocumentsAll = "documents.*";
    public const string MetricsAll = "metrics.*";
    public const string Export = "export";
    public const string WebhooksGet = "webhooks.get";
    public const string WebhooksCreate = "webhooks.create";
    public const string WebhooksUpdate = "webhooks.update";
    public const string WebhooksDelete = "webhooks.delete";
    public const string IndexesCompact = "indexes.compact";
    public const string FieldsPost = "fields.post";

    /// <summary>Every read-only <c>*.get</c> action.</summary>
    public const string AllGet = "*.get";

    /// <summary>Every accepted action name, in Meilisearch's order (used in "expected one of").</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        All, Search, DocumentsAll, DocumentsAdd, DocumentsGet, DocumentsDelete, "indexes.*", IndexesCreate,
        IndexesGet, IndexesUpdate, IndexesDelete, IndexesSwap, "tasks.*", TasksCancel, TasksDelete, TasksGet,
        "settings.*", SettingsGet, SettingsUpdate, "stats.*", StatsGet, MetricsAll, MetricsGet, "dumps.*",
        DumpsCreate, "snapshots.*", SnapshotsCreate, Version, KeysCreate, KeysGet, KeysUpdate, KeysDelete,
        ExperimentalGet, ExperimentalUpdate, Export, NetworkGet, NetworkUpdate, "chatCompletions", "chats.*",
        "chats.get", "chats.delete", "chatsSettings.*", "chatsSettings.get", "chatsSettings.update", AllGet,
        WebhooksGet, WebhooksUpdate, WebhooksDelete, WebhooksCreate, "webhooks.*", IndexesCompact, FieldsPost,
    ];

    public static bool IsKnown(string action) => Names.Contains(action);

    public static bool IsKeyManagement(string action) => action.StartsWith("keys.", StringComparison.Ordinal);

    /// <summary>
    /// True when <paramref name="granted"/> covers <paramref name="requested"/>: equal, <c>x.*</c>
    /// for <c>x.y</c>, or <c>*</c> for anything (key management included, as in Meilisearch,
    /// whose Default Admin API Key holds <c>*</c>).
    /// </summary>
    public static bool Covers(string granted, string requested)
    {
        if (granted == requested || granted == All)
        {
            return true;
        }

        if (granted == AllGet)
        {
            return requested.EndsWith(".get", StringComparison.Ordinal);
        }

        return granted.EndsWith(".*", StringComparison.Ordinal)
            && requested.Length > granted.Length - 1
            && requested.StartsWith(granted.AsSpan(0, granted.Length - 1), StringComparison.Ordinal);
    }

    public static bool Allows(IReadOnlyList<string> granted, string requested)
    {
        foreach (var action in granted)
        {
            if (Covers(action, requested))
            {
                return true;
            }
        }

        return false;
    }
}
