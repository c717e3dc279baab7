namespace Miroir.Proxy.Hints;

/// <summary>Shards of one index one node missed (or was repaired for), with the sequence the record carries.</summary>
public sealed record HintBatch(string NodeId, string IndexUid, IReadOnlyList<int> Shards, long Sequence)
{
    public IEnumerable<RepairHint> Hints => Shards.Select(s => new RepairHint(NodeId, IndexUid, s));
}
