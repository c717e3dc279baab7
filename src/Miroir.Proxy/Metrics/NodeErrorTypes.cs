namespace Miroir.Proxy.Metrics;

/// <summary>The <c>error_type</c> label values of <c>miroir_node_errors_total</c>.</summary>
public static class NodeErrorTypes
{
    public const string Unreachable = "unreachable";
    public const string Timeout = "timeout";
    public const string ServerError = "http_5xx";

    /// <summary>Skipped without a request because health checks marked the node failed.</summary>
    public const string MarkedFailed = "marked_failed";
}
