using System.Buffers;

namespace Miroir.Proxy.Transport;

/// <summary>
/// What one node exchange gave: an HTTP status and a body in pooled memory, or a transport <see cref="Error"/> (status
/// 0). Owns the body's buffers: <see cref="Dispose"/> gives them back exactly once, after which <see cref="Body"/> must
/// not be read.
/// </summary>
public sealed class NodeAnswer : IDisposable
{
    private readonly PooledBody? _body;
    private readonly string? _detail;
    private NodeError? _error;

    private NodeAnswer(int status, NodeErrorKind kind, PooledBody? body, string? detail)
    {
        Status = status;
        ErrorKind = kind;
        _body = body;
        _detail = detail;
    }

    /// <summary>The HTTP status, 0 when the node gave no answer.</summary>
    public int Status { get; }

    /// <summary><see cref="NodeErrorKind.None"/> for a 2xx/3xx answer.</summary>
    public NodeErrorKind ErrorKind { get; }

    public NodeOutcome Outcome => NodeFailures.Classify(ErrorKind, Status);

    public bool IsSuccess => ErrorKind == NodeErrorKind.None && Status is >= 200 and < 300;

    /// <summary>The answer's body (empty for transport errors); valid until <see cref="Dispose"/>.</summary>
    public ReadOnlySequence<byte> Body => _body?.Sequence ?? ReadOnlySequence<byte>.Empty;

    /// <summary>Why the exchange failed, null for a 2xx/3xx answer.</summary>
    public NodeError? Error => ErrorKind == NodeErrorKind.None
        ? null
        : _error ??= new NodeError(ErrorKind, Status, _detail, ErrorKind == NodeErrorKind.HttpStatus ? this : null);

    /// <summary>A copy of the body in a new array, for callers that keep it past this answer.</summary>
    public byte[] ToArray() => Body.ToArray();

    public void Dispose() => _body?.Release();

    internal static NodeAnswer Http(int status, PooledBody? body) =>
        new(status, status >= 400 ? NodeErrorKind.HttpStatus : NodeErrorKind.None, body, null);

    internal static NodeAnswer Failed(NodeErrorKind kind, string detail) => new(0, kind, null, detail);
}
