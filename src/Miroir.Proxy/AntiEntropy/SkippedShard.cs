namespace Miroir.Proxy.AntiEntropy;

/// <summary>A shard the pass could not compare (a replica unreachable or refusing): nothing was repaired there.</summary>
public sealed record SkippedShard(string Index, int Shard, string Node, string Reason);
