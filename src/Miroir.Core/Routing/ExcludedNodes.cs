namespace Miroir.Core.Routing;

/// <summary>Availability that excludes a fixed set of node ids (everything else is available).</summary>
public readonly struct ExcludedNodes : INodeAvailability
{
    private readonly IReadOnlySet<string> _ids;

    public ExcludedNodes(IReadOnlySet<string> ids) => _ids = ids;

    public bool IsAvailable(int nodeOrdinal, TopologyNode node) => !_ids.Contains(node.Id);

    public bool HasCopyLimits => false;

    public CopyUse Copy(int nodeOrdinal, TopologyNode node, int shard) => IsAvailable(nodeOrdinal, node) ? CopyUse.Preferred : CopyUse.Unavailable;
}
