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
        // Common case first, allocation-free: every node of the group is available.
        var groupInfo = Topology.Groups[group];
        var groupHealthy = true;
        for (var n = groupInfo.FirstOrdinal; groupHealthy && n < groupInfo.FirstOrdinal + groupInfo.Count; n++)
        {
            groupHealthy = availability.IsAvailable(n, Topology.Nodes[n]);
        }

        if (groupHealthy)
        {
            return Cover(group, rotation);
        }

        // Ask once per node so the rest of the computation sees one consistent view of health.
        var nodes = Topology.Nodes;
        var available = new bool[nodes.Count];
        for (var n = 0; n < available.Length; n++)
        {
            available[n] = availability.IsAvailable(n, nodes[n]);
        }

        var chosen = new int[ShardCount];
        var groupCount = Topology.ReplicaGroupCount;
        for (var shard = 0; shard < ShardCount; shard++)
        {
            chosen[shard] = Pick(shard, group, rotation, available);
            for (var step = 1; crossGroupFallback && chosen[shard] < 0 && step < groupCount; step++)
            {
                chosen[shard] = Pick(shard, (group + step) % groupCount, rotation, available);
            }
        }

        return CoveringSet.Create(this, group, chosen);
    }

    private int Pick(int shard, int group, ulong rotation, bool[] available)
    {
        var owners = GetOwners(shard, group);
        var rank = Rank(group, rotation);
        for (var i = 0; i < owners.Length; i++)
        {
            var ordinal = owners[(rank + i) % owners.Length];
            if (available[ordinal])
            {
                return ordinal;
            }
        }

        return -1;
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
