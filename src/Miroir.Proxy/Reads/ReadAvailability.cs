using Miroir.Core.Routing;

namespace Miroir.Proxy.Reads;

/// <summary>Node availability for covering: the cluster's health view minus nodes that already failed this request.</summary>
internal readonly struct ReadAvailability(Func<int, bool>? healthy, HashSet<int>? failed) : INodeAvailability
{
    public bool IsAvailable(int nodeOrdinal, TopologyNode node) =>
        (healthy is null || healthy(nodeOrdinal)) && (failed is null || !failed.Contains(nodeOrdinal));
}
