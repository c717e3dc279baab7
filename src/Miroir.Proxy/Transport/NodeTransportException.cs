namespace Miroir.Proxy.Transport;

/// <summary>Node trouble found by the transport itself (a garbled answer, a connection closed mid-answer), with its kind.</summary>
internal sealed class NodeTransportException(NodeErrorKind kind, string message) : Exception(message)
{
    public NodeErrorKind Kind { get; } = kind;

    public static NodeTransportException Protocol(string message) => new(NodeErrorKind.Protocol, message);

    public static NodeTransportException Closed(string message) => new(NodeErrorKind.ConnectionReset, message);
}
