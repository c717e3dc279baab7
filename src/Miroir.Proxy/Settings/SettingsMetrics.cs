using Miroir.Proxy.Admin;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Metrics;

namespace Miroir.Proxy.Settings;

/// <summary>The settings metrics of spec §13.5: observable instruments computed at scrape time.</summary>
internal static class SettingsMetrics
{
    public static void Register(ProxyMetrics metrics, ClusterState cluster, SettingsDriftReconciler drift, SettingsCommitter committer)
    {
        var meter = metrics.Meter;
        meter.CreateObservableGauge("miroir_settings_version",
            () => cluster.View.Indexes.Select(index => ClusterMetrics.Sample(index.SettingsVersion, "index", index.Uid)),
            description: "Committed settings version per index.");
        meter.CreateObservableGauge("miroir_settings_broadcast_phase",
            () => cluster.View.Indexes.Select(index => ClusterMetrics.Sample((int)committer.PhaseOf(index.Uid), "index", index.Uid)),
            description: "Phase of the index's settings change: 0 idle, 1 propose, 2 verify.");
        meter.CreateObservableCounter<double>("miroir_settings_hash_mismatch_total", () => drift.HashMismatchesTotal,
            description: "Nodes found holding settings other than the committed ones (verify phase and drift check).");
        meter.CreateObservableCounter<double>("miroir_settings_drift_repair_total", () => drift.DriftRepairsTotal,
            description: "Nodes whose settings were put back in line with the committed ones.");
    }
}
