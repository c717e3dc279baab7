namespace Miroir.Core.Routing;

/// <summary>Diffing two maps: the shard moves a topology change implies.</summary>
public sealed partial class ShardMap
{
    /// <summary>
    /// Every (shard, group) whose owner set differs from <paramref name="previous"/>; groups are
    /// matched by index and nodes by id. A change of preference order alone moves no data and
    /// is not reported.
    /// </summary>
    /// <exception cref="ArgumentException">The shard counts differ (that is resharding).</exception>
    public IReadOnlyList<OwnershipChange> ChangesFrom(ShardMap previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        if (previous.ShardCount != ShardCount)
        {
            throw new ArgumentException("Maps with different shard counts cannot be diffed; that is resharding.", nameof(previous));
        }

        var changes = new List<OwnershipChange>();
        var groups = Math.Max(previous.Topology.ReplicaGroupCount, Topology.ReplicaGroupCount);
        for (var shard = 0; shard < ShardCount; shard++)
        {
            for (var g = 0; g < groups; g++)
            {
                var before = previous.OwnerIds(shard, g);
                var after = OwnerIds(shard, g);
                var added = after.Except(before, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                var removed = before.Except(after, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                if (added.Length > 0 || removed.Length > 0)
                {
                    changes.Add(new OwnershipChange(shard, g, added, removed));
                }
            }
        }

        return changes;
    }

    private string[] OwnerIds(int shard, int group)
    {
        if (group >= Topology.ReplicaGroupCount)
        {
            return [];
        }

        var owners = GetOwners(shard, group);
        var ids = new string[owners.Length];
        for (var i = 0; i < owners.Length; i++)
        {
            ids[i] = Topology.GetNode(owners[i]).Id;
        }

        return ids;
    }
}
