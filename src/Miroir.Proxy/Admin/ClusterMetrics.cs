using Miroir.Proxy.Server;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Admin;

/// <summary>The state-describing core metrics, computed at scrape time from the cluster and task registry.</summary>
internal static class ClusterMetrics
{
    public static void Register(ProxyContext context)
    {
        var registry = context.Metrics.Registry;
        var cluster = context.Cluster;
        registry.Callback("miroir_node_healthy", "1 when the node serves reads (healthy, degraded or draining), else 0.", "gauge", sink =>
        {
            foreach (var node in cluster.View.Nodes)
            {
                sink.Add(cluster.NodeStates.IsReadable(node.Id) ? 1 : 0, node.Id);
            }
        }, "node_id");
        registry.Callback("miroir_shard_coverage", "Fraction of shards with a readable owner in some replica group.", "gauge",
            sink => sink.Add(ShardCoverage.Of(cluster.View).Ratio));
        registry.Callback("miroir_degraded_shards_total", "Shards with at least one owner that is not readable.", "gauge",
            sink => sink.Add(ShardCoverage.Of(cluster.View).Degraded));
        registry.Callback("miroir_shard_distribution", "Shards owned by each node (default shard count).", "gauge", sink =>
        {
            var snapshot = cluster.View.Snapshot;
            var map = snapshot.ShardMap(cluster.DefaultShards);
            for (var ordinal = 0; ordinal < snapshot.Clients.Count; ordinal++)
            {
                sink.Add(map.GetShards(ordinal).Length, snapshot.Clients[ordinal].Id);
            }
        }, "node_id");
        registry.Callback("miroir_task_processing_age_seconds", "Age of the oldest unfinished Miroir task.", "gauge", sink =>
        {
            var now = context.Time.GetUtcNow();
            var oldest = context.Tasks.Unfinished().Select(t => (now - t.EnqueuedAt).TotalSeconds).DefaultIfEmpty(0).Max();
            sink.Add(Math.Max(oldest, 0));
        });
        registry.Callback("miroir_tasks_total", "Miroir tasks in the registry by status.", "gauge", sink =>
        {
            var counts = context.Tasks.Newest().GroupBy(t => t.Status, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var status in TaskStatusNames.All)
            {
                sink.Add(counts.GetValueOrDefault(status), status);
            }
        }, "status");
        var rebalance = context.Rebalancer.Progress;
        registry.Callback("miroir_rebalance_in_progress", "1 while a topology change moves shards (paused included).", "gauge",
            sink => sink.Add(rebalance.InProgress ? 1 : 0));
        registry.Callback("miroir_rebalance_documents_migrated_total", "Documents copied to new shard owners since the orchestrator started.", "counter",
            sink => sink.Add(rebalance.DocumentsMigratedTotal));
        registry.Callback("miroir_rebalance_duration_seconds", "Duration of the running or last rebalance.", "gauge",
            sink => sink.Add(rebalance.DurationSeconds));
        var antiEntropy = context.AntiEntropy;
        registry.Callback("miroir_antientropy_shards_scanned_total", "Shards compared across their replicas.", "counter",
            sink => sink.Add(antiEntropy.ShardsScannedTotal));
        registry.Callback("miroir_antientropy_mismatches_found_total", "Shards found with disagreeing replicas.", "counter",
            sink => sink.Add(antiEntropy.MismatchesFoundTotal));
        registry.Callback("miroir_antientropy_docs_repaired_total", "Divergent documents repaired on every replica.", "counter",
            sink => sink.Add(antiEntropy.DocsRepairedTotal));
        registry.Callback("miroir_antientropy_tombstone_deletes_total", "Divergent documents deleted everywhere because a tombstone covers them (counted in docs_repaired too).", "counter",
            sink => sink.Add(antiEntropy.TombstoneDeletesTotal));
        registry.Callback("miroir_antientropy_tombstones", "Live tombstones (deleted ids, delete-by-filter and delete-all records).", "gauge",
            sink => sink.Add(antiEntropy.Tombstones.Count));
        registry.Callback("miroir_antientropy_tombstones_dropped_total", "Tombstones dropped before their TTL because anti_entropy.max_tombstones was reached.", "counter",
            sink => sink.Add(antiEntropy.Tombstones.DroppedTotal));
        registry.Callback("miroir_antientropy_last_scan_completed_seconds", "Unix time the last anti-entropy pass completed.", "gauge",
            sink => sink.Add(antiEntropy.LastScanCompletedSeconds));
        registry.Callback("miroir_task_registry_size", "Miroir tasks kept (finished ones until pruned).", "gauge",
            sink => sink.Add(context.Tasks.Count));
    }
}
