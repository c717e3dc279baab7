using System.Net.Sockets;
using Miroir.Proxy.Metrics;

namespace Miroir.Proxy.Transport;

/// <summary>
/// The one place that decides what a node exchange means: a node failure (ask elsewhere, tell passive health),
/// the client's own error (relay it), or the caller's cancellation (nobody's fault). Callers, metrics and passive
/// health all read it from here instead of repeating an exception filter.
/// </summary>
public static class NodeFailures
{
    /// <summary>The outcome of an exchange that ended with <paramref name="kind"/> and HTTP <paramref name="status"/> (0 when none).</summary>
    public static NodeOutcome Classify(NodeErrorKind kind, int status) => kind switch
    {
        NodeErrorKind.None => NodeOutcome.Answered,
        NodeErrorKind.HttpStatus => status >= 500 ? NodeOutcome.ServerError : NodeOutcome.Refused,
        NodeErrorKind.Canceled => NodeOutcome.Canceled,
        _ => NodeOutcome.Unreachable,
    };

    /// <summary>True when the node's shards must be asked elsewhere: it failed, could not be reached or was too slow.</summary>
    public static bool IsNodeFailure(NodeOutcome outcome) => outcome is NodeOutcome.ServerError or NodeOutcome.Unreachable;

    /// <summary>True when passive health should suspect the node (a 5xx proves the node is up, so it does not count).</summary>
    public static bool SuspectsNode(NodeOutcome outcome) => outcome == NodeOutcome.Unreachable;

    /// <summary>The <c>error_type</c> label of <c>miroir_node_errors_total</c>, or null when the exchange counts as no error.</summary>
    public static string? MetricLabel(NodeErrorKind kind, int status) => kind switch
    {
        NodeErrorKind.None or NodeErrorKind.Canceled => null,
        NodeErrorKind.HttpStatus => status >= 500 ? NodeErrorTypes.ServerError : null,
        NodeErrorKind.Timeout => NodeErrorTypes.Timeout,
        _ => NodeErrorTypes.Unreachable,
    };

    /// <summary>
    /// The kind of an exception thrown while talking to a node, or null when it is not node trouble (a bug: let it
    /// propagate). A cancellation is the caller's when <paramref name="caller"/> fired, otherwise the deadline's.
    /// </summary>
    /// <param name="connecting">True while the connection was being opened: a socket error then means not reached at all.</param>
    public static NodeErrorKind? KindOf(Exception exception, CancellationToken caller, bool connecting = false) => exception switch
    {
        OperationCanceledException => caller.IsCancellationRequested ? NodeErrorKind.Canceled : NodeErrorKind.Timeout,
        NodeTransportException e => e.Kind,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } =>
            NodeErrorKind.ConnectFailed,
        HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded } =>
            NodeErrorKind.Protocol,
        HttpRequestException => NodeErrorKind.ConnectionReset,
        SocketException => connecting ? NodeErrorKind.ConnectFailed : NodeErrorKind.ConnectionReset,
        // A socket disposed under a pending read (a deadline firing) surfaces as ObjectDisposedException.
        IOException or ObjectDisposedException => NodeErrorKind.ConnectionReset,
        _ => null,
    };
}
