namespace Miroir.Core.Routing;

/// <summary>One node of the fleet as routing sees it: its stable id, base address and replica group.</summary>
/// <param name="Id">Stable node id; it is hashed, so renaming a node moves its shards.</param>
/// <param name="Address">Base URL of the node's HTTP API (e.g. http://127.0.0.1:7701).</param>
/// <param name="ReplicaGroup">Zero-based replica group the node belongs to.</param>
public sealed record TopologyNode(string Id, string Address, int ReplicaGroup);
