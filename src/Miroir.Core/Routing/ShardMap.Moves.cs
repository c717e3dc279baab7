namespace Miroir.Core.Routing;

/// <summary>Group-agnostic diff of two maps: which node must receive or drop which shard.</summary>
public sealed partial class ShardMap
{
    /// <summary>
    /// Every shard whose set of holders (over all groups) differs between this map and <paramref name="target"/>.
    /// Unlike <see cref="ChangesFrom"/> it ignores group numbers: a node holds a shard's documents whatever
    /// group it is in, so removing a middle group (which renumbers the later ones) moves nothing else.
    /// </summary>
    /// <exception cref="ArgumentException">The shard counts differ (that is resharding).</exception>
    public IReadOnlyList<ShardMove> MovesTo(ShardMap target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.ShardCount != ShardCount)
        {
            throw new ArgumentException("Maps with different shard counts cannot be diffed; that is resharding.", nameof(target));
        }

        var moves = new List<ShardMove>();
        for (var shard = 0; shard < ShardCount; shard++)
        {
            var before = HolderIds(shard);
            var after = target.HolderIds(shard);
            var added = after.Where(id => !before.Contains(id, StringComparer.Ordinal)).ToArray();
            var lost = before.Where(id => !after.Contains(id, StringComparer.Ordinal)).ToArray();
            if (added.Length > 0 || lost.Length > 0)
            {
                moves.Add(new ShardMove(shard, before, added, lost));
            }
        }

        return moves;
    }

    private string[] HolderIds(int shard)
    {
        var targets = GetWriteTargets(shard);
        var ids = new string[targets.Length];
        for (var i = 0; i < targets.Length; i++)
        {
            ids[i] = Topology.GetNode(targets[i]).Id;
        }

        return ids;
    }
}
