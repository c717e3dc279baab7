using Miroir.Core.Configuration;
using Miroir.Proxy.Coalescing;
using Miroir.Proxy.Cluster;

namespace Miroir.Proxy.Reads;

/// <summary>Builds the read side's shared <see cref="ReadCluster"/> from the orchestrator's configuration and node observer.</summary>
internal static class ReadClusterFactory
{
    public static ReadCluster Create(MiroirConfig config, ClusterState cluster, TimeProvider time)
    {
        var observer = cluster.Observer;
        var loads = new NodeLoads();
        var selection = config.ReplicaSelection;
        return new ReadCluster
        {
            Metrics = observer.Metrics,
            Scatter = config.Scatter,
            Hedging = config.Hedging,
            ReplicaSelection = selection,
            Loads = loads,
            TailMetrics = new ReadTailMetrics(observer.Metrics.Meter, loads, selection.ErrorWeight),
            Time = time,
            Coalescer = config.QueryCoalescing.Enabled
                ? new QueryCoalescer<ReadOutcome>(config.QueryCoalescing, time, new CoalescingMetrics(observer.Metrics.Meter))
                : null,
        };
    }
}
