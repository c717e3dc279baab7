namespace Miroir.Proxy.Tasks;

/// <summary>The shards of a task's index one node is sent (ascending), recorded with the task's intent.</summary>
internal sealed record TouchedShards(string NodeId, int[] Shards);
