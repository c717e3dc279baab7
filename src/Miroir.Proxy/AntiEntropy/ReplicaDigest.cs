namespace Miroir.Proxy.AntiEntropy;

/// <summary>What one replica reported for a shard.</summary>
/// <param name="Node">Node id.</param>
/// <param name="Digest">The shard digest (16 hex digits).</param>
/// <param name="Documents">Documents of the shard on that replica.</param>
public sealed record ReplicaDigest(string Node, string Digest, long Documents);
