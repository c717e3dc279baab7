using Microsoft.Extensions.Logging;

namespace Miroir.Engine.Node;

/// <summary>The node's background log messages (event ids 2000-2099 are the engine's; see ErrorMiddleware.Log for the next free one).</summary>
internal static partial class NodeLog
{
    [LoggerMessage(EventId = 2001, EventName = "TaskWorkerFailed", Level = LogLevel.Critical,
        Message = "The task worker stopped on an unexpected failure: no further task runs until the node restarts")]
    public static partial void TaskWorkerFailed(ILogger logger, Exception exception);
}
