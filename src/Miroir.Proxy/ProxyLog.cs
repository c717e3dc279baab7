using Microsoft.Extensions.Logging;

namespace Miroir.Proxy;

/// <summary>The orchestrator's log messages (event ids 1000-1099, 1100-1119 taken by AntiEntropyLog; 1004-1006 taken by RecoveryLog, 1007 by ProxyErrors.Log; next free: 1009; 1020-1029 are the state log's).</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(EventId = 1000, EventName = "NoMasterKey", Level = LogLevel.Warning,
        Message = "NO MASTER KEY IS SET: the Miroir API is open to anyone who can reach it. Set master_key (env MIROIR_MASTER_KEY) in production.")]
    public static partial void NoMasterKey(ILogger logger);

    [LoggerMessage(EventId = 1002, EventName = "RollbackFailed", Level = LogLevel.Error,
        Message = "Rolling back {Operation} on node {NodeId} failed: {Reason}")]
    public static partial void RollbackFailed(ILogger logger, string operation, string nodeId, string reason);

    [LoggerMessage(EventId = 1003, EventName = "NodeHealthChanged", Level = LogLevel.Warning,
        Message = "Node {NodeId} is now {State} (was {Previous}): {Reason}")]
    public static partial void NodeHealthChanged(ILogger logger, string nodeId, string state, string previous, string reason);

    [LoggerMessage(EventId = 1008, EventName = "BackgroundWorkFailed", Level = LogLevel.Error,
        Message = "Background work {Worker} failed")]
    public static partial void BackgroundWorkFailed(ILogger logger, Exception exception, string worker);

    [LoggerMessage(EventId = 1020, EventName = "StateSnapshotWritten", Level = LogLevel.Information,
        Message = "State snapshot written up to record {UptoLsn}: {Records} records, {Bytes} bytes; older log segments deleted")]
    public static partial void StateSnapshotWritten(ILogger logger, long uptoLsn, int records, int bytes);

    [LoggerMessage(EventId = 1021, EventName = "StateSnapshotFailed", Level = LogLevel.Error,
        Message = "Writing a state snapshot failed; the log keeps every record and the next snapshot tries again")]
    public static partial void StateSnapshotFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1022, EventName = "StateSnapshotSkipped", Level = LogLevel.Warning,
        Message = "State snapshot skipped: records of kind {Kind} have no snapshot source (IStateSnapshotSource), so the log is kept whole")]
    public static partial void StateSnapshotSkipped(ILogger logger, string kind);
}
