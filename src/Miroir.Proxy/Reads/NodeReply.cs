using System.Buffers;
using Miroir.Proxy.Transport;

namespace Miroir.Proxy.Reads;

/// <summary>
/// What one node answered (or that it could not be reached: <see cref="Failed"/>), in the transport's pooled memory:
/// whoever ends up holding a reply disposes it exactly once, after the last read of its body.
/// </summary>
internal sealed class NodeReply(NodeTarget target, NodeAnswer answer) : IDisposable
{
    private byte[]? _joined;

    public NodeTarget Target { get; } = target;

    /// <summary>HTTP status, 0 when the node could not be reached or timed out.</summary>
    public int Status => answer.Status;

    /// <summary>The node's body, valid until <see cref="Dispose"/>.</summary>
    public ReadOnlySequence<byte> Body => answer.Body;

    /// <summary>
    /// The body in one piece for readers that need contiguous memory (the merge): the first segment when it holds the
    /// whole body, otherwise a pooled copy returned on <see cref="Dispose"/>. Valid until then.
    /// </summary>
    public ReadOnlyMemory<byte> Memory
    {
        get
        {
            var body = answer.Body;
            if (body.IsSingleSegment)
            {
                return body.First;
            }

            if (_joined is null)
            {
                _joined = ArrayPool<byte>.Shared.Rent((int)body.Length);
                body.CopyTo(_joined);
            }

            return _joined.AsMemory(0, (int)body.Length);
        }
    }

    /// <summary>Unreachable, timed out or a 5xx: the node's shards must be asked elsewhere.</summary>
    public bool Failed => NodeFailures.IsNodeFailure(answer.Outcome);

    /// <summary>The caller cancelled the request (the client left, or a hedge lost): nobody's fault.</summary>
    public bool Canceled => answer.ErrorKind == NodeErrorKind.Canceled;

    public bool IsSuccess => answer.IsSuccess;

    /// <summary>A 4xx: the node refused the request itself (bad input), passed through to the client.</summary>
    public bool IsRejection => answer.Outcome == NodeOutcome.Refused;

    public void Dispose()
    {
        answer.Dispose();
        if (_joined is not null)
        {
            ArrayPool<byte>.Shared.Return(_joined);
            _joined = null;
        }
    }
}
