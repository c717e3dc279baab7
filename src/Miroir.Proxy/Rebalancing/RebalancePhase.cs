namespace Miroir.Proxy.Rebalancing;

/// <summary>Phases a rebalance goes through (the <c>phase</c> of <c>GET /_miroir/rebalance/status</c>).</summary>
public static class RebalancePhase
{
    /// <summary>No rebalance ran in this process and none is pending.</summary>
    public const string Idle = "idle";

    /// <summary>Dual-writing and copying shards to their new owners.</summary>
    public const string Copying = "copying";

    /// <summary>Reads use the new owners; deleting shards from nodes that lost them.</summary>
    public const string Cleaning = "cleaning";

    /// <summary>Stopped by an error or timeout; <c>POST /_miroir/rebalance</c> resumes it.</summary>
    public const string Paused = "paused";

    /// <summary>The last rebalance finished.</summary>
    public const string Done = "done";
}
