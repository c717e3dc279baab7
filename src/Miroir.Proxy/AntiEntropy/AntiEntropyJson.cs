using System.Text.Json;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>The JSON of <c>/_miroir/verify</c>, <c>/_miroir/anti-entropy/run</c> and <c>/_miroir/anti-entropy/status</c>.</summary>
internal static class AntiEntropyJson
{
    public static void WritePass(Utf8JsonWriter w, AntiEntropyPass pass)
    {
        w.WriteStartObject();
        w.WriteBoolean("repair", pass.Repair);
        w.WriteNumber("shardsScanned", pass.ShardsScanned);
        w.WriteStartArray("mismatches");
        foreach (var m in pass.Mismatches)
        {
            w.WriteStartObject();
            w.WriteString("index", m.Index);
            w.WriteNumber("shard", m.Shard);
            w.WriteNumber("divergentDocuments", m.DivergentDocuments);
            w.WriteNumber("repairedDocuments", m.Repaired);
            w.WriteNumber("tombstoneDeletes", m.TombstoneDeletes);
            w.WriteStartArray("replicas");
            foreach (var r in m.Replicas)
            {
                w.WriteStartObject();
                w.WriteString("node", r.Node);
                w.WriteString("digest", r.Digest);
                w.WriteNumber("documents", r.Documents);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("skipped");
        foreach (var s in pass.Skipped)
        {
            w.WriteStartObject();
            w.WriteString("index", s.Index);
            w.WriteNumber("shard", s.Shard);
            w.WriteString("node", s.Node);
            w.WriteString("reason", s.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("documentsRepaired", pass.DocumentsRepaired);
        w.WriteString("startedAt", pass.StartedAt);
        w.WriteString("completedAt", pass.CompletedAt);
        w.WriteEndObject();
    }

    public static void WriteStatus(Utf8JsonWriter w, AntiEntropyReconciler reconciler)
    {
        var config = reconciler.Config;
        w.WriteStartObject();
        w.WriteBoolean("enabled", config.Enabled);
        w.WriteString("schedule", config.Schedule);
        w.WriteBoolean("autoRepair", config.AutoRepair);
        w.WriteBoolean("running", reconciler.Running);
        w.WriteNumber("shardsScannedTotal", reconciler.ShardsScannedTotal);
        w.WriteNumber("mismatchesFoundTotal", reconciler.MismatchesFoundTotal);
        w.WriteNumber("docsRepairedTotal", reconciler.DocsRepairedTotal);
        w.WriteNumber("tombstoneDeletesTotal", reconciler.TombstoneDeletesTotal);
        w.WriteNumber("tombstones", reconciler.Tombstones.Count);
        w.WriteNumber("lastScanCompletedSeconds", reconciler.LastScanCompletedSeconds);
        w.WritePropertyName("lastPass");
        if (reconciler.LastPass is { } pass)
        {
            WritePass(w, pass);
        }
        else
        {
            w.WriteNullValue();
        }

        w.WriteEndObject();
    }
}
