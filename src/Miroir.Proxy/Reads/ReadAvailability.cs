using Miroir.Core.Routing;
using Miroir.Proxy.Cluster;

namespace Miroir.Proxy.Reads;

/// <summary>Node availability for covering: the request's health view minus nodes that already failed this request.</summary>
internal readonly struct ReadAvailability(ClusterView view, HashSet<int>? failed) : INodeAvailability
{
    public bool IsAvailable(int nodeOrdinal, TopologyNode node) =>
        view.IsReadable(nodeOrdinal) && (failed is null || !failed.Contains(nodeOrdinal));
}
