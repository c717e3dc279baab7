namespace Miroir.Proxy.Reads;

/// <summary>What one node answered (or that it could not be reached: <see cref="Failed"/>).</summary>
internal sealed class NodeReply(NodeTarget target, int status, byte[] body, bool failed)
{
    public NodeTarget Target { get; } = target;

    /// <summary>HTTP status, 0 when the node could not be reached or timed out.</summary>
    public int Status { get; } = status;

    public byte[] Body { get; } = body;

    /// <summary>Unreachable, timed out or a 5xx: the node's shards must be asked elsewhere.</summary>
    public bool Failed { get; } = failed;

    public bool IsSuccess => !Failed && Status is >= 200 and < 300;

    /// <summary>A 4xx: the node refused the request itself (bad input), passed through to the client.</summary>
    public bool IsRejection => !Failed && Status is >= 400 and < 500;
}
