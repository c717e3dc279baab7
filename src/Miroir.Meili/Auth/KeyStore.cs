using Miroir.Meili.Errors;

namespace Miroir.Meili.Auth;

/// <summary>
/// The API keys of a node. Reads go through an immutable snapshot swapped whole; every change
/// is an <see cref="ApiKeyMutation"/> that the server logs, then hands to <see cref="Apply"/>
/// (and replays through it at start).
/// </summary>
public sealed partial class KeyStore
{
    private readonly Lock _writeLock = new();
    private readonly TimeProvider _time;
    private readonly string? _derivationKey;
    private volatile Snapshot _snapshot = Snapshot.Empty;

    /// <param name="masterKey">The key clients present to be unrestricted; null or empty leaves the API open.</param>
    /// <param name="time">Clock for creation dates and expiry.</param>
    /// <param name="derivationKey">
    /// The secret key values are derived from, when it is not <paramref name="masterKey"/>: an orchestrator derives
    /// with its nodes' master key so that a key it creates on the nodes (same uid) has the same value there.
    /// </param>
    public KeyStore(string? masterKey, TimeProvider? time = null, string? derivationKey = null)
    {
        MasterKey = string.IsNullOrEmpty(masterKey) ? null : masterKey;
        _derivationKey = MasterKey is null ? null : string.IsNullOrEmpty(derivationKey) ? MasterKey : derivationKey;
        _time = time ?? TimeProvider.System;
    }

    public string? MasterKey { get; }

    public bool HasMasterKey => MasterKey is not null;

    /// <summary>All keys, newest first (Meilisearch's listing order).</summary>
    public IReadOnlyList<ApiKey> Keys => _snapshot.Ordered;

    /// <summary>The secret value of <paramref name="key"/> (empty without a master key).</summary>
    public string KeyValue(ApiKey key) => _derivationKey is null ? "" : ApiKeyDerivation.DeriveKey(key.Uid, _derivationKey);

    /// <summary>Applies a mutation (a new request's or one replayed from the log).</summary>
    public void Apply(ApiKeyMutation mutation)
    {
        lock (_writeLock)
        {
            var byUid = new Dictionary<Guid, ApiKey>(_snapshot.ByUid);
            if (mutation.Deleted)
            {
                byUid.Remove(mutation.Key.Uid);
            }
            else
            {
                byUid[mutation.Key.Uid] = mutation.Key;
            }

            _snapshot = Snapshot.Build(byUid, _derivationKey);
        }
    }

    /// <summary>Every key as a put mutation: enough to rebuild the store (e.g. for a log compaction).</summary>
    public IReadOnlyList<ApiKeyMutation> Export() => _snapshot.Ordered.Select(k => new ApiKeyMutation(k)).ToArray();

    /// <summary>
    /// With a master key and no key yet, builds the two default keys Meilisearch creates at first
    /// start; the caller logs and applies them. Empty otherwise.
    /// </summary>
    public IReadOnlyList<ApiKeyMutation> DefaultKeyMutations()
    {
        if (MasterKey is null || _snapshot.ByUid.Count > 0)
        {
            return [];
        }

        var now = _time.GetUtcNow();
        // Search first so that the admin key, created a moment later, lists first (newest first).
        return
        [
            new ApiKeyMutation(new ApiKey
            {
                Uid = Guid.NewGuid(),
                Name = "Default Search API Key",
                Description = "Use it to search from the frontend",
                Actions = [ApiKeyActions.Search],
                Indexes = ["*"],
                CreatedAt = now,
                UpdatedAt = now,
            }),
            new ApiKeyMutation(new ApiKey
            {
                Uid = Guid.NewGuid(),
                Name = "Default Admin API Key",
                Description = "Use it for anything that is not a search operation. Caution! Do not expose it on a public frontend",
                Actions = [ApiKeyActions.All],
                Indexes = ["*"],
                CreatedAt = now.AddTicks(1),
                UpdatedAt = now.AddTicks(1),
            }),
        ];
    }

    /// <summary>Finds a key by its uid or its secret value, as <c>/keys/{key_or_uid}</c> does.</summary>
    public ApiKey Get(string keyOrUid) =>
        Find(keyOrUid) ?? throw new MeiliException(ErrorCode.ApiKeyNotFound, $"API key `{keyOrUid}` not found.");

    public ApiKey? Find(string keyOrUid)
    {
        var snapshot = _snapshot;
        if (Guid.TryParse(keyOrUid, out var uid))
        {
            return snapshot.ByUid.GetValueOrDefault(uid);
        }

        return snapshot.ByValue.TryGetValue(keyOrUid, out var byValue) ? snapshot.ByUid[byValue] : null;
    }

    /// <summary>The key whose secret value is <paramref name="value"/>, or null.</summary>
    public ApiKey? FindByValue(string value)
    {
        var snapshot = _snapshot;
        return snapshot.ByValue.TryGetValue(value, out var uid) ? snapshot.ByUid[uid] : null;
    }

    /// <summary>Builds the delete mutation for <paramref name="keyOrUid"/> (404 when unknown).</summary>
    public ApiKeyMutation DeleteMutation(string keyOrUid) => new(Get(keyOrUid), Deleted: true);

    private sealed class Snapshot
    {
        public static readonly Snapshot Empty = new(new Dictionary<Guid, ApiKey>(), new Dictionary<string, Guid>(), []);

        private Snapshot(Dictionary<Guid, ApiKey> byUid, Dictionary<string, Guid> byValue, ApiKey[] ordered)
        {
            ByUid = byUid;
            ByValue = byValue;
            Ordered = ordered;
        }

        public Dictionary<Guid, ApiKey> ByUid { get; }

        public Dictionary<string, Guid> ByValue { get; }

        public ApiKey[] Ordered { get; }

        public static Snapshot Build(Dictionary<Guid, ApiKey> byUid, string? derivationKey)
        {
            var byValue = new Dictionary<string, Guid>(StringComparer.Ordinal);
            if (derivationKey is not null)
            {
                foreach (var uid in byUid.Keys)
                {
                    byValue[ApiKeyDerivation.DeriveKey(uid, derivationKey)] = uid;
                }
            }

            var ordered = byUid.Values.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Uid).ToArray();
            return new Snapshot(byUid, byValue, ordered);
        }
    }
}
