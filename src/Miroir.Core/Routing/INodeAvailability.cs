namespace Miroir.Core.Routing;

/// <summary>Tells covering-set computation which nodes, and which of their copies, may be asked.</summary>
/// <remarks>Implement it on a struct: covering is generic over it, so calls are not virtual.</remarks>
public interface INodeAvailability
{
    /// <summary>True when the node may answer for every shard it holds (healthy, fresh enough, ...).</summary>
    bool IsAvailable(int nodeOrdinal, TopologyNode node);

    /// <summary>
    /// False when <see cref="IsAvailable"/> tells everything (no copy is owed, no node joining): covering then never asks
    /// <see cref="Copy"/> and the all-available path stays a cached, allocation-free lookup.
    /// </summary>
    bool HasCopyLimits { get; }

    /// <summary>How reads may use the node's copy of <paramref name="shard"/> (asked only when <see cref="HasCopyLimits"/>).</summary>
    CopyUse Copy(int nodeOrdinal, TopologyNode node, int shard);
}
