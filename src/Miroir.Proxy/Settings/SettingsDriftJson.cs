using System.Text.Json;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Settings;

/// <summary>The JSON of <c>GET /_miroir/settings/drift</c> and <c>POST /_miroir/settings/drift/run</c>.</summary>
internal static class SettingsDriftJson
{
    public static void WriteStatus(Utf8JsonWriter w, SettingsDriftReconciler reconciler)
    {
        w.WriteStartObject();
        w.WriteBoolean("running", reconciler.Running);
        w.WriteNumber("intervalS", reconciler.Config.IntervalS);
        w.WriteBoolean("autoRepair", reconciler.Config.AutoRepair);
        w.WriteNumber("driftRepairsTotal", reconciler.DriftRepairsTotal);
        w.WriteNumber("hashMismatchesTotal", reconciler.HashMismatchesTotal);
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

    public static void WritePass(Utf8JsonWriter w, SettingsDriftPass pass)
    {
        w.WriteStartObject();
        w.WriteString("startedAt", pass.StartedAt);
        w.WriteString("completedAt", pass.CompletedAt);
        w.WriteBoolean("autoRepair", pass.AutoRepair);
        w.WriteNumber("mismatches", pass.Mismatches);
        w.WriteNumber("repaired", pass.Repaired);
        w.WriteNumber("skipped", pass.Skipped);
        w.WriteStartArray("indexes");
        foreach (var index in pass.Indexes)
        {
            w.WriteStartObject();
            w.WriteString("uid", index.Uid);
            w.WriteNumber("settingsVersion", index.SettingsVersion);
            w.WriteStringOrNull("committedHash", index.CommittedHash);
            w.WriteString("status", index.Status);
            w.WriteBoolean("writesFrozen", index.Frozen);
            w.WriteStartArray("nodes");
            foreach (var node in index.Nodes)
            {
                w.WriteStartObject();
                w.WriteString("node", node.NodeId);
                w.WriteString("status", node.Status);
                w.WriteStringOrNull("hash", node.Hash);
                if (node.Error is not null)
                {
                    w.WriteString("error", node.Error);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
