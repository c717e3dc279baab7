namespace Miroir.Proxy.AntiEntropy;

/// <summary>How one shard fared: scanned clean, a mismatch (maybe repaired), or skipped.</summary>
internal sealed record ShardOutcome(ShardMismatch? Mismatch, SkippedShard? Skipped)
{
    public static ShardOutcome Clean { get; } = new(null, null);
}
