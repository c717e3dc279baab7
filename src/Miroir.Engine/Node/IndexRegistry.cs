using Miroir.Meili.Errors;

namespace Miroir.Engine.Node;

/// <summary>
/// The node's indexes by uid. Only the task executor adds, removes or swaps entries; readers
/// take the lock briefly to look one up.
/// </summary>
internal sealed class IndexRegistry
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, IndexHandle> _indexes = new(StringComparer.Ordinal);

    public bool TryGet(string uid, out IndexHandle index)
    {
        lock (_lock)
        {
            return _indexes.TryGetValue(uid, out index!);
        }
    }

    /// <summary>The index, or <c>index_not_found</c>.</summary>
    public IndexHandle Get(string uid) =>
        TryGet(uid, out var index) ? index : throw NotFound(uid);

    public static MeiliException NotFound(string uid) => new(ErrorCode.IndexNotFound, $"Index `{uid}` not found.");

    public bool Exists(string uid)
    {
        lock (_lock)
        {
            return _indexes.ContainsKey(uid);
        }
    }

    public void Add(IndexHandle index)
    {
        lock (_lock)
        {
            _indexes[index.Uid] = index;
        }
    }

    public bool Remove(string uid, out IndexHandle index)
    {
        lock (_lock)
        {
            return _indexes.Remove(uid, out index!);
        }
    }

    /// <summary>Exchanges the contents of two indexes (both must exist): each uid now names the other's data.</summary>
    public void Swap(string a, string b)
    {
        lock (_lock)
        {
            var ia = _indexes[a];
            var ib = _indexes[b];
            ia.Uid = b;
            ib.Uid = a;
            _indexes[a] = ib;
            _indexes[b] = ia;
        }
    }

    /// <summary>All indexes, sorted by uid.</summary>
    public List<IndexHandle> List()
    {
        lock (_lock)
        {
            return [.. _indexes.Values];
        }
    }
}
