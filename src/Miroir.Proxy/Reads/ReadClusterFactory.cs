using Miroir.Proxy.Server;

namespace Miroir.Proxy.Reads;

/// <summary>Builds the read side's shared <see cref="ReadCluster"/> from the orchestrator's configuration and node observer.</summary>
internal static class ReadClusterFactory
{
    public static ReadCluster FromContext(ProxyContext context)
    {
        var observer = context.Cluster.Observer;
        var loads = new NodeLoads();
        var selection = context.Config.ReplicaSelection;
        return new ReadCluster
        {
            Metrics = observer.Metrics,
            Scatter = context.Config.Scatter,
            Hedging = context.Config.Hedging,
            ReplicaSelection = selection,
            Loads = loads,
            TailMetrics = new ReadTailMetrics(observer.Metrics.Meter, loads, selection.ErrorWeight),
            Time = context.Time,
        };
    }
}
