namespace Miroir.Core.Routing;

/// <summary>Covering-set computation: which node answers for which shard in one search.</summary>
public sealed partial class ShardMap
{
    // One precomputed set per (group, replica rank): the all-healthy path allocates nothing.
    private readonly CoveringSet[] _covers;

    /// <summary>
    /// The covering set of <paramref name="group"/> when every node is available: each shard is
    /// answered by its owner of rank <c>rotation mod RF</c>, so successive rotation values spread
    /// reads over all replicas. Cached; never allocates.
    /// </summary>
    public CoveringSet Cover(int group, ulong rotation) => _covers[_groupOffsets[group] + Rank(group, rotation)];

    /// <summary>
    /// Covering set of <paramref name="group"/> skipping unavailable nodes: a shard whose chosen
    /// owner is down falls back to the next replica of the group; shards with no available
    /// replica are reported in <see cref="CoveringSet.UncoveredShards"/>.
    /// </summary>
    public CoveringSet Cover<TAvailability>(int group, ulong rotation, TAvailability availability)
        where TAvailability : INodeAvailability
        => Cover(group, rotation, availability, crossGroupFallback: false);

    /// <summary>
    /// Like <see cref="Cover{TAvailability}(int, ulong, TAvailability)"/>, but a shard the group
    /// cannot serve is then taken from the other groups (next group index first, wrapping) before
    /// it counts as uncovered (spec §4.7).
    /// </summary>
    public CoveringSet CoverWithFallback<TAvailability>(int preferredGroup, ulong rotation, TAvailability availability)
        where TAvailability : INodeAvailability
        => Cover(preferredGroup, rotation, availability, crossGroupFallback: true);

    private int Rank(int group, ulong rotation) =>
        (int)(rotation % (uint)(_groupOffsets[group + 1] - _groupOffsets[group]));

    private CoveringSet Cover<TAvailability>(int group, ulong rotation, TAvailability availability, bool crossGroupFallback)
        where TAvailability : INodeAvailability
    {
        // Common case first, allocation-free: every node of the group is available and no copy is limited.
        var groupInfo = Topology.Groups[group];
        var groupHealthy = !availability.HasCopyLimits;
        for (var n = groupInfo.FirstOrdinal; groupHealthy && n < groupInfo.FirstOrdinal + groupInfo.Count; n++)
        {
            groupHealthy = availability.IsAvailable(n, Topology.Nodes[n]);
        }

        if (groupHealthy)
        {
            return Cover(group, rotation);
        }

        // Ask once per node (per copy when copies are limited): the computation sees one consistent view.
        var uses = new CopyUses<TAvailability>(this, availability);
        var chosen = new int[ShardCount];
        bool[]? lastResort = null;
        var groupCount = crossGroupFallback ? Topology.ReplicaGroupCount : 1;
        for (var shard = 0; shard < ShardCount; shard++)
        {
            // A preferred copy anywhere the read may go beats a copy that may be stale; a stale copy beats none.
            chosen[shard] = -1;
            for (var step = 0; chosen[shard] < 0 && step < groupCount; step++)
            {
                chosen[shard] = Pick(shard, (group + step) % Topology.ReplicaGroupCount, rotation, in uses, CopyUse.Preferred);
            }

            for (var step = 0; chosen[shard] < 0 && step < groupCount; step++)
            {
                chosen[shard] = Pick(shard, (group + step) % Topology.ReplicaGroupCount, rotation, in uses, CopyUse.LastResort);
                if (chosen[shard] >= 0)
                {
                    (lastResort ??= new bool[ShardCount])[shard] = true;
                }
            }
        }

        return CoveringSet.Create(this, group, chosen, lastResort);
    }

    private int Pick<TAvailability>(int shard, int group, ulong rotation, in CopyUses<TAvailability> uses, CopyUse wanted)
        where TAvailability : INodeAvailability
    {
        var owners = GetOwners(shard, group);
        var rank = Rank(group, rotation);
        for (var i = 0; i < owners.Length; i++)
        {
            var ordinal = owners[(rank + i) % owners.Length];
            if (uses.Of(ordinal, shard) == wanted)
            {
                return ordinal;
            }
        }

        return -1;
    }

    /// <summary>The availability's answers, asked once per node (and per copy when it limits copies).</summary>
    private readonly struct CopyUses<TAvailability>(ShardMap map, TAvailability availability)
        where TAvailability : INodeAvailability
    {
        // 0 = not asked yet, otherwise 1 + CopyUse.
        private readonly byte[] _nodes = new byte[map.Topology.Nodes.Count];
        private readonly bool _perCopy = availability.HasCopyLimits;

        public CopyUse Of(int ordinal, int shard)
        {
            var node = map.Topology.Nodes[ordinal];
            if (_perCopy)
            {
                return availability.Copy(ordinal, node, shard);
            }

            if (_nodes[ordinal] == 0)
            {
                _nodes[ordinal] = (byte)(1 + (int)(availability.IsAvailable(ordinal, node) ? CopyUse.Preferred : CopyUse.Unavailable));
            }

            return (CopyUse)(_nodes[ordinal] - 1);
        }
    }

    private CoveringSet[] BuildCachedCovers()
    {
        var covers = new CoveringSet[_stride];
        for (var g = 0; g < Topology.ReplicaGroupCount; g++)
        {
            for (var rank = 0; rank < _groupOffsets[g + 1] - _groupOffsets[g]; rank++)
            {
                var chosen = new int[ShardCount];
                for (var shard = 0; shard < ShardCount; shard++)
                {
                    chosen[shard] = GetOwners(shard, g)[rank];
                }

                covers[_groupOffsets[g] + rank] = CoveringSet.Create(this, g, chosen);
            }
        }

        return covers;
    }
}
