using Microsoft.Extensions.Logging;

namespace Miroir.Proxy.Health;

/// <summary>Recovery repair log messages (event ids 1004-1006 of the orchestrator's range, then 1260-1279; next free: 1261).</summary>
internal static partial class RecoveryLog
{
    [LoggerMessage(EventId = 1004, EventName = "NodeRecovering", Level = LogLevel.Warning,
        Message = "Node {NodeId} answers again and owes {Copies} copies: each is read only where no other copy is live until repaired")]
    public static partial void NodeRecovering(ILogger logger, string nodeId, int copies);

    [LoggerMessage(EventId = 1005, EventName = "NodeRepaired", Level = LogLevel.Information,
        Message = "Repair of the copies node {NodeId} owed: {Shards} shards repaired ({Repaired} documents), {Left} copies still owed")]
    public static partial void NodeRepaired(ILogger logger, string nodeId, int shards, long repaired, int left);

    [LoggerMessage(EventId = 1006, EventName = "NodeRepairFailed", Level = LogLevel.Warning,
        Message = "Repair of node {NodeId}'s copy of shard {Shard} of index {IndexUid} is retried later: {Reason}")]
    public static partial void NodeRepairFailed(ILogger logger, string nodeId, string indexUid, int shard, string reason);

    [LoggerMessage(EventId = 1260, EventName = "NodeOwesAll", Level = LogLevel.Warning,
        Message = "Node {NodeId} failed: its {Copies} copies are owed (durably) until repaired after it returns")]
    public static partial void NodeOwesAll(ILogger logger, string nodeId, int copies);
}
