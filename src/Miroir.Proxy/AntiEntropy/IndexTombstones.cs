namespace Miroir.Proxy.AntiEntropy;

/// <summary>The live tombstones of one index: the newest deletion time per id, the last delete-all, and the filters.</summary>
internal sealed class IndexTombstones
{
    public Dictionary<string, long> Ids { get; } = new(StringComparer.Ordinal);

    /// <summary>Unix ms of the newest live delete-all (0 = none).</summary>
    public long ClearedAt { get; set; }

    /// <summary>Live delete-by-filter tombstones, oldest first.</summary>
    public List<Tombstone> Filters { get; } = [];

    public bool IsEmpty => Ids.Count == 0 && ClearedAt == 0 && Filters.Count == 0;

    /// <summary>The newest deletion covering <paramref name="id"/> by id or delete-all, or null.</summary>
    public long? DeletedAt(string id)
    {
        var at = Ids.TryGetValue(id, out var byId) ? Math.Max(byId, ClearedAt) : ClearedAt;
        return at > 0 ? at : null;
    }
}
