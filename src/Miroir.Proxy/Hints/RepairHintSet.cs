using System.Collections.Immutable;

namespace Miroir.Proxy.Hints;

/// <summary>
/// The copies nodes owe, frozen at one instant (part of every <see cref="Cluster.ClusterView"/>): each missed
/// (node, index, shard) with the sequence number of the latest write it missed. A repair that started after
/// sequence <c>n</c> clears only hints up to <c>n</c>, so a write missed while it ran stays owed.
/// </summary>
public sealed class RepairHintSet
{
    private readonly ImmutableDictionary<RepairHint, long> _hints;

    // The indexes with hints, built on first use (the set is immutable, so a race builds the same set twice at worst).
    private HashSet<string>? _indexes;

    private RepairHintSet(ImmutableDictionary<RepairHint, long> hints) => _hints = hints;

    public static RepairHintSet Empty { get; } = new(ImmutableDictionary<RepairHint, long>.Empty);

    /// <summary>True when no node owes anything: the read path then asks nothing else.</summary>
    public bool IsEmpty => _hints.IsEmpty;

    public int Count => _hints.Count;

    /// <summary>True when the node missed a write to this shard of the index and was not repaired since.</summary>
    public bool Owes(string nodeId, string indexUid, int shard) => !_hints.IsEmpty && _hints.ContainsKey(new RepairHint(nodeId, indexUid, shard));

    /// <summary>True when some node owes a copy of a shard of the index (reads of other indexes never look further).</summary>
    public bool OwesIndex(string indexUid) => !_hints.IsEmpty && (_indexes ??= [.. _hints.Keys.Select(h => h.IndexUid)]).Contains(indexUid);

    /// <summary>True when the node owes any copy.</summary>
    public bool OwesAny(string nodeId) => !_hints.IsEmpty && _hints.Keys.Any(h => h.NodeId == nodeId);

    /// <summary>Nodes owing at least one copy (ordinal order).</summary>
    public IReadOnlyList<string> Nodes => [.. _hints.Keys.Select(h => h.NodeId).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Every copy the node owes with the sequence of the latest write it missed, by index then shard.</summary>
    public IReadOnlyList<(RepairHint Hint, long Sequence)> For(string nodeId) =>
    [
        .. _hints.Where(h => h.Key.NodeId == nodeId)
            .OrderBy(h => h.Key.IndexUid, StringComparer.Ordinal).ThenBy(h => h.Key.Shard)
            .Select(h => (h.Key, h.Value)),
    ];

    internal RepairHintSet With(IEnumerable<RepairHint> hints, long sequence)
    {
        var builder = _hints.ToBuilder();
        foreach (var hint in hints)
        {
            builder[hint] = sequence;
        }

        return new RepairHintSet(builder.ToImmutable());
    }

    /// <summary>Without the given hints whose latest missed write is at or before <paramref name="through"/>.</summary>
    internal RepairHintSet Without(IEnumerable<RepairHint> hints, long through)
    {
        var builder = _hints.ToBuilder();
        foreach (var hint in hints)
        {
            if (builder.TryGetValue(hint, out var sequence) && sequence <= through)
            {
                builder.Remove(hint);
            }
        }

        return builder.Count == _hints.Count ? this : new RepairHintSet(builder.ToImmutable());
    }

    /// <summary>Without every hint matching <paramref name="match"/> (an index deleted, a node removed).</summary>
    internal RepairHintSet Without(Func<RepairHint, bool> match)
    {
        var builder = _hints.ToBuilder();
        builder.RemoveRange(_hints.Keys.Where(match));
        return builder.Count == _hints.Count ? this : new RepairHintSet(builder.ToImmutable());
    }

    /// <summary>Every hint with its sequence, grouped per (node, index) for snapshot records.</summary>
    internal IEnumerable<IGrouping<(string NodeId, string IndexUid, long Sequence), int>> Groups() =>
        _hints.GroupBy(h => (h.Key.NodeId, h.Key.IndexUid, Sequence: h.Value), h => h.Key.Shard)
            .OrderBy(g => g.Key.Sequence);
}
