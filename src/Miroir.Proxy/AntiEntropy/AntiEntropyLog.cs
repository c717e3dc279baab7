using Microsoft.Extensions.Logging;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>The reconciler's log messages (event ids 1100-1119, a block of the orchestrator's range; next free: 1105).</summary>
internal static partial class AntiEntropyLog
{
    [LoggerMessage(EventId = 1100, EventName = "AntiEntropyPassCompleted", Level = LogLevel.Information,
        Message = "Anti-entropy pass scanned {Shards} shard(s): {Mismatches} mismatch(es), {Repaired} document(s) repaired, {Skipped} shard(s) skipped")]
    public static partial void PassCompleted(ILogger logger, int shards, int mismatches, long repaired, int skipped);

    [LoggerMessage(EventId = 1101, EventName = "AntiEntropyShardSkipped", Level = LogLevel.Warning,
        Message = "Anti-entropy skipped shard {Shard} of index {IndexUid} (node {NodeId}): {Reason}")]
    public static partial void ShardSkipped(ILogger logger, int shard, string indexUid, string nodeId, string reason);

    [LoggerMessage(EventId = 1102, EventName = "AntiEntropyPassFailed", Level = LogLevel.Error,
        Message = "Anti-entropy pass failed")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1103, EventName = "AntiEntropyMismatch", Level = LogLevel.Warning,
        Message = "Anti-entropy found {Documents} divergent document(s) in shard {Shard} of index {IndexUid}; repaired {Repaired}")]
    public static partial void Mismatch(ILogger logger, int documents, int shard, string indexUid, int repaired);

    [LoggerMessage(EventId = 1104, EventName = "AntiEntropyTombstonesDropped", Level = LogLevel.Warning,
        Message = "Dropped {Dropped} tombstone(s) before their TTL: anti_entropy.max_tombstones ({Max}) reached; a replica that missed those deletes could bring the documents back")]
    public static partial void TombstonesDropped(ILogger logger, long dropped, int max);
}
