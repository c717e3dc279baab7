using Microsoft.Extensions.Logging;

namespace Miroir.Proxy.Writes;

/// <summary>Write path log messages (event ids 1240-1259, a block of the orchestrator's range; next free: 1244).</summary>
internal static partial class WritesLog
{
    [LoggerMessage(EventId = 1240, EventName = "WriteMissedCopies", Level = LogLevel.Warning,
        Message = "Write task {TaskUid} to index {IndexUid} was acknowledged without some copies ({Degraded}); they are owed as repair hints")]
    public static partial void MissedCopies(ILogger logger, long taskUid, string? indexUid, string degraded);

    [LoggerMessage(EventId = 1241, EventName = "WriteNoQuorum", Level = LogLevel.Warning,
        Message = "Write task {TaskUid} to index {IndexUid} failed: {Reason}")]
    public static partial void NoQuorum(ILogger logger, long taskUid, string? indexUid, string reason);

    [LoggerMessage(EventId = 1242, EventName = "WriteInterrupted", Level = LogLevel.Warning,
        Message = "Write task {TaskUid} to index {IndexUid} was interrupted by a restart before its node tasks were recorded; failed, its shards {Shards} are reconciled")]
    public static partial void Interrupted(ILogger logger, long taskUid, string? indexUid, string shards);

    [LoggerMessage(EventId = 1243, EventName = "InterruptedReconcileIncomplete", Level = LogLevel.Warning,
        Message = "Reconciling the shards of interrupted writes left {Skipped} shard(s) unreconciled (a replica unreachable); the scheduled anti-entropy pass remains the safety net")]
    public static partial void ReconcileIncomplete(ILogger logger, int skipped);
}
