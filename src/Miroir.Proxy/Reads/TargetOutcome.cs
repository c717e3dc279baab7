namespace Miroir.Proxy.Reads;

/// <summary>
/// What one covering-set target ended with: its node's reply, or (when a hedge answered for it) the hedge's replies,
/// which together cover the same shards. <see cref="FailedNodes"/> names nodes that failed without a reply listed here.
/// </summary>
internal readonly struct TargetOutcome
{
    private readonly NodeReply? _single;
    private readonly NodeReply[]? _replies;

    public TargetOutcome(NodeReply reply)
    {
        _single = reply;
        FailedNodes = [];
    }

    public TargetOutcome(NodeReply[] replies, int[] failedNodes)
    {
        _replies = replies;
        FailedNodes = failedNodes;
    }

    public int Count => _replies?.Length ?? 1;

    public NodeReply this[int index] => _replies is null ? _single! : _replies[index];

    public int[] FailedNodes { get; }
}
