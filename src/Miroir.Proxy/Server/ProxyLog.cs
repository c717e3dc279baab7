using Microsoft.Extensions.Logging;

namespace Miroir.Proxy.Server;

/// <summary>The orchestrator's log messages (event ids 1000-1099, 1100-1119 taken by AntiEntropyLog; next free: 1007).</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(EventId = 1000, EventName = "NoMasterKey", Level = LogLevel.Warning,
        Message = "NO MASTER KEY IS SET: the Miroir API is open to anyone who can reach it. Set master_key (env MIROIR_MASTER_KEY) in production.")]
    public static partial void NoMasterKey(ILogger logger);

    [LoggerMessage(EventId = 1001, EventName = "WriteDegraded", Level = LogLevel.Warning,
        Message = "Write to index {IndexUid} missed quorum in replica groups {Groups}")]
    public static partial void WriteDegraded(ILogger logger, string? indexUid, string groups);

    [LoggerMessage(EventId = 1002, EventName = "RollbackFailed", Level = LogLevel.Error,
        Message = "Rolling back {Operation} on node {NodeId} failed: {Reason}")]
    public static partial void RollbackFailed(ILogger logger, string operation, string nodeId, string reason);

    [LoggerMessage(EventId = 1003, EventName = "NodeHealthChanged", Level = LogLevel.Warning,
        Message = "Node {NodeId} is now {State} (was {Previous}): {Reason}")]
    public static partial void NodeHealthChanged(ILogger logger, string nodeId, string state, string previous, string reason);

    [LoggerMessage(EventId = 1004, EventName = "NodeRecovering", Level = LogLevel.Warning,
        Message = "Node {NodeId} answers again: held out of reads (joining) until an anti-entropy pass repaired what it missed")]
    public static partial void NodeRecovering(ILogger logger, string nodeId);

    [LoggerMessage(EventId = 1005, EventName = "NodeRepaired", Level = LogLevel.Information,
        Message = "Recovery repair for {NodeIds}: {Shards} shards compared, {Repaired} documents repaired, {Skipped} shards skipped")]
    public static partial void NodeRepaired(ILogger logger, string nodeIds, int shards, long repaired, int skipped);

    [LoggerMessage(EventId = 1006, EventName = "NodeRepairFailed", Level = LogLevel.Warning,
        Message = "Recovery repair for {NodeIds} failed: {Reason}")]
    public static partial void NodeRepairFailed(ILogger logger, string nodeIds, string reason);
}
