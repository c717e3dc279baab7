using Microsoft.Extensions.Logging;

namespace Miroir.Proxy.Settings;

/// <summary>Settings broadcast and drift repair log messages (event ids 1160-1179, a block of the orchestrator's range; next free: 1166).</summary>
internal static partial class SettingsLog
{
    [LoggerMessage(EventId = 1160, EventName = "SettingsDriftPassCompleted", Level = LogLevel.Information,
        Message = "Settings drift pass checked {Indexes} index(es): {Mismatches} node(s) drifted, {Repaired} repaired, {Skipped} skipped")]
    public static partial void PassCompleted(ILogger logger, int indexes, int mismatches, int repaired, int skipped);

    [LoggerMessage(EventId = 1161, EventName = "SettingsDriftPassFailed", Level = LogLevel.Error,
        Message = "Settings drift pass failed")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1162, EventName = "SettingsDrifted", Level = LogLevel.Warning,
        Message = "Node {NodeId} holds settings of index {IndexUid} other than the committed ones ({Outcome})")]
    public static partial void Drifted(ILogger logger, string nodeId, string indexUid, string outcome);

    [LoggerMessage(EventId = 1163, EventName = "SettingsUnrepairable", Level = LogLevel.Error,
        Message = "Settings of index {IndexUid} could not be repaired on node {NodeId}: {Reason}")]
    public static partial void Unrepairable(ILogger logger, string indexUid, string nodeId, string reason);

    [LoggerMessage(EventId = 1164, EventName = "IndexWritesFrozen", Level = LogLevel.Error,
        Message = "Document writes to index {IndexUid} are frozen: {Reason}")]
    public static partial void Frozen(ILogger logger, string indexUid, string reason);

    [LoggerMessage(EventId = 1165, EventName = "IndexWritesThawed", Level = LogLevel.Warning,
        Message = "Document writes to index {IndexUid} resume: every node holds the committed settings again")]
    public static partial void Thawed(ILogger logger, string indexUid);
}
