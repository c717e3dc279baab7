namespace Miroir.Proxy.AntiEntropy;

/// <summary>The result of one reconciler pass.</summary>
/// <param name="Repair">False for a verify (digest comparison only).</param>
/// <param name="ShardsScanned">Shards whose every replica was read.</param>
/// <param name="Mismatches">Shards whose replicas disagreed.</param>
/// <param name="Skipped">Shards that could not be compared.</param>
/// <param name="DocumentsRepaired">Divergent documents repaired on every replica.</param>
/// <param name="StartedAt">When the pass started.</param>
/// <param name="CompletedAt">When it ended.</param>
public sealed record AntiEntropyPass(
    bool Repair,
    int ShardsScanned,
    IReadOnlyList<ShardMismatch> Mismatches,
    IReadOnlyList<SkippedShard> Skipped,
    long DocumentsRepaired,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt);
