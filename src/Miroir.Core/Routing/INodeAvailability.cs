namespace Miroir.Core.Routing;

/// <summary>Tells covering-set computation which nodes may be asked (healthy, fresh enough, ...).</summary>
/// <remarks>Implement it on a struct: covering is generic over it, so calls are not virtual.</remarks>
public interface INodeAvailability
{
    bool IsAvailable(int nodeOrdinal, TopologyNode node);
}
