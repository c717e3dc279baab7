using Microsoft.Extensions.Logging;

namespace Miroir.Proxy.Http;

/// <summary>The error answer's log message (event id 1007, from ProxyLog's range).</summary>
internal static partial class ProxyErrors
{
    private static partial class Log
    {
        /// <summary>Never the request's headers (keys) nor its body (documents): the method and route only.</summary>
        [LoggerMessage(EventId = 1007, EventName = "UnhandledRequestFailure", Level = LogLevel.Error,
            Message = "Unhandled failure answering {Method} {Route}: answered as an internal error")]
        public static partial void UnhandledFailure(ILogger logger, Exception exception, string method, string route);
    }
}
