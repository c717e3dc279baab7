using Microsoft.Extensions.Logging;

namespace Miroir.Engine.Http;

/// <summary>The engine node's log messages (event ids 2000-2099, 2001 taken by NodeLog; next free: 2002).</summary>
internal sealed partial class ErrorMiddleware
{
    private static partial class Log
    {
        /// <summary>Never the request's headers (keys) nor its body (documents): the method and route only.</summary>
        [LoggerMessage(EventId = 2000, EventName = "UnhandledRequestFailure", Level = LogLevel.Error,
            Message = "Unhandled failure answering {Method} {Route}: answered as an internal error")]
        public static partial void UnhandledFailure(ILogger logger, Exception exception, string method, string route);
    }
}
