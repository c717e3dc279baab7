namespace Miroir.Proxy.Rebalancing;

/// <summary>A node failed during a shard copy; <see cref="NodeId"/> says which, so the copy can try another source.</summary>
internal sealed class MigrationException(string nodeId, string message) : Exception(message)
{
    public string NodeId { get; } = nodeId;
}
