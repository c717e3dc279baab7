using System.Diagnostics.Metrics;
using Miroir.Proxy.AntiEntropy;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Metrics;
using Miroir.Proxy.Rebalancing;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Admin;

/// <summary>The state-describing core metrics: observable instruments computed at scrape time from the cluster and task registry.</summary>
internal static class ClusterMetrics
{
    public static void Register(ProxyMetrics metrics, ClusterState cluster, TaskStore tasks, Rebalancer rebalancer, AntiEntropyReconciler antiEntropy, TimeProvider time)
    {
        var meter = metrics.Meter;
        meter.CreateObservableGauge("miroir_node_healthy",
            () => cluster.View.Nodes.Select(node => Sample(cluster.NodeStates.IsReadable(node.Id) ? 1 : 0, "node_id", node.Id)),
            description: "1 when the node serves reads (healthy, degraded or draining), else 0.");
        meter.CreateObservableGauge("miroir_shard_coverage", () => ShardCoverage.Of(cluster.View).Ratio,
            description: "Fraction of shards with a readable owner in some replica group.");
        meter.CreateObservableGauge<double>("miroir_degraded_shards_total", () => ShardCoverage.Of(cluster.View).Degraded,
            description: "Shards with at least one owner that is not readable.");
        meter.CreateObservableGauge("miroir_shard_distribution", () =>
        {
            var snapshot = cluster.View.Snapshot;
            var map = snapshot.ShardMap(cluster.DefaultShards);
            return Enumerable.Range(0, snapshot.Clients.Count).Select(ordinal => Sample(map.GetShards(ordinal).Length, "node_id", snapshot.Clients[ordinal].Id));
        }, description: "Shards owned by each node (default shard count).");
        meter.CreateObservableGauge("miroir_task_processing_age_seconds", () =>
        {
            var now = time.GetUtcNow();
            var oldest = tasks.Unfinished().Select(t => (now - t.EnqueuedAt).TotalSeconds).DefaultIfEmpty(0).Max();
            return Math.Max(oldest, 0);
        }, description: "Age of the oldest unfinished Miroir task.");
        meter.CreateObservableGauge("miroir_tasks_total", () =>
        {
            var counts = tasks.Newest().GroupBy(t => t.Status, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return TaskStatusNames.All.Select(status => Sample(counts.GetValueOrDefault(status), "status", status));
        }, description: "Miroir tasks in the registry by status.");
        var rebalance = rebalancer.Progress;
        meter.CreateObservableGauge<double>("miroir_rebalance_in_progress", () => rebalance.InProgress ? 1 : 0,
            description: "1 while a topology change moves shards (paused included).");
        meter.CreateObservableCounter<double>("miroir_rebalance_documents_migrated_total", () => rebalance.DocumentsMigratedTotal,
            description: "Documents copied to new shard owners since the orchestrator started.");
        meter.CreateObservableGauge<double>("miroir_rebalance_duration_seconds", () => rebalance.DurationSeconds,
            description: "Duration of the running or last rebalance.");
        meter.CreateObservableCounter<double>("miroir_antientropy_shards_scanned_total", () => antiEntropy.ShardsScannedTotal,
            description: "Shards compared across their replicas.");
        meter.CreateObservableCounter<double>("miroir_antientropy_mismatches_found_total", () => antiEntropy.MismatchesFoundTotal,
            description: "Shards found with disagreeing replicas.");
        meter.CreateObservableCounter<double>("miroir_antientropy_docs_repaired_total", () => antiEntropy.DocsRepairedTotal,
            description: "Divergent documents repaired on every replica.");
        meter.CreateObservableCounter<double>("miroir_antientropy_tombstone_deletes_total", () => antiEntropy.TombstoneDeletesTotal,
            description: "Divergent documents deleted everywhere because a tombstone covers them (counted in docs_repaired too).");
        meter.CreateObservableGauge<double>("miroir_antientropy_tombstones", () => antiEntropy.Tombstones.Count,
            description: "Live tombstones (deleted ids, delete-by-filter and delete-all records).");
        meter.CreateObservableCounter<double>("miroir_antientropy_tombstones_dropped_total", () => antiEntropy.Tombstones.DroppedTotal,
            description: "Tombstones dropped before their TTL because anti_entropy.max_tombstones was reached.");
        meter.CreateObservableGauge<double>("miroir_antientropy_last_scan_completed_seconds", () => antiEntropy.LastScanCompletedSeconds,
            description: "Unix time the last anti-entropy pass completed.");
        meter.CreateObservableGauge<double>("miroir_task_registry_size", () => tasks.Count,
            description: "Miroir tasks kept (finished ones until pruned).");
    }

    /// <summary>One labelled sample of an observable instrument (scrape time only, so its tag array may allocate).</summary>
    public static Measurement<double> Sample(double value, string label, string labelValue) =>
        new(value, new KeyValuePair<string, object?>(label, labelValue));
}
