namespace Miroir.Proxy.Transport;

/// <summary>
/// One finished node exchange as observers see it; <see cref="Elapsed"/> is measured on the transport's
/// <see cref="TimeProvider"/>, <see cref="IsRead"/> is the request's <see cref="NodeRequest.IsRead"/>.
/// </summary>
public readonly record struct NodeExchange(NodeErrorKind Error, int Status, TimeSpan Elapsed, long BytesSent, long BytesReceived, bool IsRead)
{
    public NodeOutcome Outcome => NodeFailures.Classify(Error, Status);
}
