namespace Miroir.Proxy.AntiEntropy;

/// <summary>A shard whose replicas disagreed.</summary>
/// <param name="Index">Index uid.</param>
/// <param name="Shard">Shard id.</param>
/// <param name="DivergentDocuments">Primary keys whose copies differ or are missing somewhere.</param>
/// <param name="Repaired">Of those, documents repaired on every replica (0 for a verify).</param>
/// <param name="Replicas">Each replica's digest.</param>
/// <param name="TombstoneDeletes">Of the repaired, documents deleted everywhere because a tombstone covers them.</param>
public sealed record ShardMismatch(string Index, int Shard, int DivergentDocuments, int Repaired, IReadOnlyList<ReplicaDigest> Replicas, int TombstoneDeletes);
