namespace Miroir.Core.Routing;

/// <summary>
/// The routing table of one topology for an index of S shards: per shard and group the owners
/// (best first), the write targets, and per node the shards it holds. Immutable; computed once
/// per topology and published whole (consumers swap it through a volatile field).
/// </summary>
/// <remarks>
/// Layout: <c>_owners</c> holds, for each shard, the owners of group 0, then group 1, ...
/// (each group contributes its effective RF entries), so a shard's write targets are one slice.
/// </remarks>
public sealed partial class ShardMap
{
    private readonly int[] _owners;
    private readonly int[] _groupOffsets;
    private readonly int _stride;
    private readonly int[][] _shardsByNode;

    public ShardMap(Topology topology, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        Topology = topology;
        ShardCount = shardCount;

        var groups = topology.Groups;
        _groupOffsets = new int[groups.Count + 1];
        for (var g = 0; g < groups.Count; g++)
        {
            _groupOffsets[g + 1] = _groupOffsets[g] + groups[g].EffectiveReplicationFactor;
        }

        _stride = _groupOffsets[^1];
        _owners = new int[checked(shardCount * _stride)];
        foreach (var group in groups)
        {
            FillGroup(group);
        }

        _shardsByNode = IndexShardsByNode();
        _covers = BuildCachedCovers();
    }

    public Topology Topology { get; }

    /// <summary>S, the number of shards this map routes.</summary>
    public int ShardCount { get; }

    /// <summary>A key router for this map's shard count.</summary>
    public ShardRouter Router => new(ShardCount);

    /// <summary>Owners (node ordinals) of a shard in one group, best rendezvous score first.</summary>
    public ReadOnlySpan<int> GetOwners(int shard, int group) =>
        _owners.AsSpan(shard * _stride + _groupOffsets[group], _groupOffsets[group + 1] - _groupOffsets[group]);

    /// <summary>Every node a write to this shard goes to: the owners in each group (RG × RF).</summary>
    public ReadOnlySpan<int> GetWriteTargets(int shard) => _owners.AsSpan(shard * _stride, _stride);

    /// <summary>Shards (ascending) the node with this ordinal holds in this map.</summary>
    public ReadOnlySpan<int> GetShards(int nodeOrdinal) => _shardsByNode[nodeOrdinal];

    public TopologyNode GetNode(int ordinal) => Topology.GetNode(ordinal);

    private void FillGroup(ReplicaGroup group)
    {
        // One reusable [u32 shard][utf8 id][0xFF] buffer per node: scoring rewrites only the shard.
        var buffers = new byte[group.Count][];
        for (var i = 0; i < group.Count; i++)
        {
            var id = group.Nodes[i].Id;
            buffers[i] = new byte[4 + System.Text.Encoding.UTF8.GetByteCount(id) + 1];
            System.Text.Encoding.UTF8.GetBytes(id, buffers[i].AsSpan(4));
        }

        var nodes = Topology.Nodes;
        var ranked = new (ulong Score, int Ordinal)[group.Count];
        Comparison<(ulong Score, int Ordinal)> order = (a, b) =>
            Rendezvous.Compare(a.Score, nodes[a.Ordinal].Id, b.Score, nodes[b.Ordinal].Id);
        var rf = group.EffectiveReplicationFactor;
        for (var shard = 0; shard < ShardCount; shard++)
        {
            for (var i = 0; i < group.Count; i++)
            {
                ranked[i] = (Rendezvous.Score(shard, buffers[i]), group.FirstOrdinal + i);
            }

            Array.Sort(ranked, order);
            var owners = _owners.AsSpan(shard * _stride + _groupOffsets[group.Index], rf);
            for (var k = 0; k < rf; k++)
            {
                owners[k] = ranked[k].Ordinal;
            }
        }
    }

    private int[][] IndexShardsByNode()
    {
        var counts = new int[Topology.Nodes.Count];
        foreach (var ordinal in _owners)
        {
            counts[ordinal]++;
        }

        var result = new int[counts.Length][];
        for (var n = 0; n < counts.Length; n++)
        {
            result[n] = new int[counts[n]];
            counts[n] = 0;
        }

        // Groups are disjoint, so a node appears at most once among a shard's write targets.
        for (var shard = 0; shard < ShardCount; shard++)
        {
            foreach (var ordinal in GetWriteTargets(shard))
            {
                result[ordinal][counts[ordinal]++] = shard;
            }
        }

        return result;
    }
}
