using Miroir.Core.Routing;

namespace Miroir.Proxy.Reads;

/// <summary>
/// Copy availability for covering: the request's health view minus nodes that already failed this request. A copy the
/// node owes (a repair hint) or a joining node's copy is stale until repaired: it serves only when no other replica is
/// live (a degraded answer, never missing data).
/// </summary>
internal readonly struct ReadAvailability(ReadIndex index, HashSet<int>? failed) : INodeAvailability
{
    private readonly bool _limited = index.View.AnyJoining || index.View.Hints.OwesIndex(index.Uid);

    public bool IsAvailable(int nodeOrdinal, TopologyNode node) =>
        index.View.IsReadable(nodeOrdinal) && (failed is null || !failed.Contains(nodeOrdinal));

    public bool HasCopyLimits => _limited;

    public CopyUse Copy(int nodeOrdinal, TopologyNode node, int shard)
    {
        if (failed is not null && failed.Contains(nodeOrdinal))
        {
            return CopyUse.Unavailable;
        }

        if (index.View.IsReadable(nodeOrdinal))
        {
            return index.View.Hints.Owes(node.Id, index.Uid, shard) ? CopyUse.LastResort : CopyUse.Preferred;
        }

        return index.View.IsJoining(nodeOrdinal) ? CopyUse.LastResort : CopyUse.Unavailable;
    }
}
