using Miroir.Proxy.Server;

namespace Miroir.Proxy.Settings;

/// <summary>The settings metrics of spec §13.5, computed at scrape time.</summary>
internal static class SettingsMetrics
{
    public static void Register(ProxyContext context, SettingsCommitter committer)
    {
        var registry = context.Metrics.Registry;
        var cluster = context.Cluster;
        var drift = context.SettingsDrift;
        registry.Callback("miroir_settings_version", "Committed settings version per index.", "gauge", sink =>
        {
            foreach (var index in cluster.View.Indexes)
            {
                sink.Add(index.SettingsVersion, index.Uid);
            }
        }, "index");
        registry.Callback("miroir_settings_broadcast_phase", "Phase of the index's settings change: 0 idle, 1 propose, 2 verify.", "gauge", sink =>
        {
            foreach (var index in cluster.View.Indexes)
            {
                sink.Add((int)committer.PhaseOf(index.Uid), index.Uid);
            }
        }, "index");
        registry.Callback("miroir_settings_hash_mismatch_total", "Nodes found holding settings other than the committed ones (verify phase and drift check).", "counter",
            sink => sink.Add(drift.HashMismatchesTotal));
        registry.Callback("miroir_settings_drift_repair_total", "Nodes whose settings were put back in line with the committed ones.", "counter",
            sink => sink.Add(drift.DriftRepairsTotal));
    }
}
