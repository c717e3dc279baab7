namespace Miroir.Proxy.Rebalancing;

/// <summary>Rebalance progress of one index.</summary>
/// <param name="Uid">Index uid.</param>
/// <param name="ShardsTotal">Shards of the index whose owners change.</param>
/// <param name="ShardsDone">Of those, shards copied to every new owner.</param>
/// <param name="DocumentsMigrated">Documents copied for this index by this process.</param>
public sealed record IndexProgress(string Uid, int ShardsTotal, int ShardsDone, long DocumentsMigrated);
