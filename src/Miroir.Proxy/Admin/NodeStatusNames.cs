using Miroir.Proxy.Cluster;

namespace Miroir.Proxy.Admin;

/// <summary>The admin API's spelling of <see cref="NodeState"/> values.</summary>
internal static class NodeStatusNames
{
    public static string Of(NodeState state) => state switch
    {
        NodeState.Healthy => "healthy",
        NodeState.Degraded => "degraded",
        NodeState.Failed => "failed",
        NodeState.Joining => "joining",
        NodeState.Draining => "draining",
        _ => "removed",
    };
}
