namespace Miroir.Proxy.Http;

/// <summary>Miroir's own error codes (spec §9), built as <see cref="ProxyException"/>s.</summary>
public static class MiroirErrors
{
    public const string PrimaryKeyRequiredCode = "miroir_primary_key_required";
    public const string NoQuorumCode = "miroir_no_quorum";
    public const string ShardUnavailableCode = "miroir_shard_unavailable";
    public const string ReservedFieldCode = "miroir_reserved_field";
    public const string InvalidAuthCode = "miroir_invalid_auth";
    public const string SettingsVersionStaleCode = "miroir_settings_version_stale";
    public const string NotSupportedCode = "miroir_not_supported";
    public const string IndexFrozenCode = "miroir_index_frozen";
    public const string IdempotencyKeyReusedCode = "miroir_idempotency_key_reused";
    public const string InvalidIdempotencyKeyCode = "miroir_invalid_idempotency_key";

    public static ProxyException PrimaryKeyRequired(string detail) =>
        new(PrimaryKeyRequiredCode, "invalid_request", 400,
            "The primary key of the index is unknown. Declare it when creating the index or pass `?primaryKey=` with the first batch. " + detail);

    public static ProxyException NoQuorum(string detail) =>
        new(NoQuorumCode, "system", 503, "No replica group reached a write quorum: " + detail);

    public static ProxyException ShardUnavailable(string detail) =>
        new(ShardUnavailableCode, "system", 503, "No replica of a shard could be reached: " + detail);

    public static ProxyException SettingsVersionStale(string uid, long floor, long committed) =>
        new(SettingsVersionStaleCode, "system", 503,
            $"No set of nodes can serve settings version {floor} of index `{uid}`: the committed version is {committed}.");

    public static ProxyException IndexFrozen(string uid, string reason) =>
        new(IndexFrozenCode, "system", 503,
            $"Document writes to index `{uid}` are frozen: {reason} They resume once a settings drift repair succeeds (`GET /_miroir/settings/drift`).");

    /// <summary>409: an <c>Idempotency-Key</c> seen before with another method, path, query or body.</summary>
    public static ProxyException IdempotencyKeyReused(string key) =>
        new(IdempotencyKeyReusedCode, "invalid_request", 409,
            $"The idempotency key `{key}` was already used with a different request (method, path, query or body). Use a new key for a new request.");

    public static ProxyException InvalidIdempotencyKey(string detail) =>
        new(InvalidIdempotencyKeyCode, "invalid_request", 400, detail);

    public static ProxyException NodeUnavailable(string detail) =>
        new(ShardUnavailableCode, "system", 503, detail);

    /// <summary>501: a Meilisearch route the cluster cannot serve by design (dumps, snapshots).</summary>
    public static ProxyException NotSupported(string detail) =>
        new(NotSupportedCode, "invalid_request", 501, detail);
}
