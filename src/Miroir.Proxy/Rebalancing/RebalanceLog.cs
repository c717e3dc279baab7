using Microsoft.Extensions.Logging;

namespace Miroir.Proxy.Rebalancing;

/// <summary>The rebalancer's log messages (event ids 1200-1219; next free: 1206).</summary>
internal static partial class RebalanceLog
{
    [LoggerMessage(EventId = 1200, EventName = "RebalanceStarted", Level = LogLevel.Information,
        Message = "Rebalance {Operation} {Subject} started")]
    public static partial void Started(ILogger logger, string operation, string subject);

    [LoggerMessage(EventId = 1201, EventName = "RebalanceFinished", Level = LogLevel.Information,
        Message = "Rebalance {Operation} {Subject} finished: {Documents} documents copied in {Seconds:F1} s")]
    public static partial void Finished(ILogger logger, string operation, string subject, long documents, double seconds);

    [LoggerMessage(EventId = 1202, EventName = "RebalancePaused", Level = LogLevel.Error,
        Message = "Rebalance paused: {Reason}. Resume with POST /_miroir/rebalance")]
    public static partial void Paused(ILogger logger, string reason);

    [LoggerMessage(EventId = 1203, EventName = "ShardCopyRetry", Level = LogLevel.Warning,
        Message = "Copy of shard {Shard} of index {IndexUid} to node {NodeId} failed, retrying: {Reason}")]
    public static partial void CopyRetry(ILogger logger, int shard, string indexUid, string nodeId, string reason);

    [LoggerMessage(EventId = 1204, EventName = "ShardDeleteFailed", Level = LogLevel.Warning,
        Message = "Deleting moved shard {Shard} of index {IndexUid} from node {NodeId} failed (reads filter it out; it only takes space): {Reason}")]
    public static partial void DeleteFailed(ILogger logger, int shard, string indexUid, string nodeId, string reason);

    [LoggerMessage(EventId = 1205, EventName = "ConfigTopologyIgnored", Level = LogLevel.Warning,
        Message = "The nodes in the configuration differ from the topology in the state log; the state log wins (change the fleet through /_miroir/nodes)")]
    public static partial void ConfigTopologyIgnored(ILogger logger);
}
