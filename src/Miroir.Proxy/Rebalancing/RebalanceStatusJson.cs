using System.Text.Json;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Rebalancing;

/// <summary>The <c>GET /_miroir/rebalance/status</c> object (also the <c>rebalance</c> member of 202 answers).</summary>
internal static class RebalanceStatusJson
{
    public static void Write(Utf8JsonWriter w, Rebalancer rebalancer)
    {
        var p = rebalancer.Progress;
        w.WriteStartObject();
        w.WriteBoolean("inProgress", p.InProgress);
        w.WriteString("phase", p.Phase);
        w.WriteStringOrNull("operation", p.Operation);
        w.WriteStringOrNull("subject", p.Subject);
        w.WriteNumber("shardsTotal", p.ShardsTotal);
        w.WriteNumber("shardsDone", p.ShardsDone);
        w.WriteNumber("documentsMigrated", p.DocumentsMigrated);
        w.WriteDateOrNull("startedAt", p.StartedAt);
        w.WriteDateOrNull("finishedAt", p.FinishedAt);
        w.WriteNumber("durationSeconds", Math.Round(p.DurationSeconds, 3));
        w.WriteStringOrNull("lastError", p.LastError);
        w.WriteStartArray("indexes");
        foreach (var index in p.Indexes)
        {
            w.WriteStartObject();
            w.WriteString("uid", index.Uid);
            w.WriteNumber("shardsTotal", index.ShardsTotal);
            w.WriteNumber("shardsDone", index.ShardsDone);
            w.WriteNumber("documentsMigrated", index.DocumentsMigrated);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteNodes(w, "nodes", rebalancer.Current);
        if (rebalancer.Target is { } target)
        {
            WriteNodes(w, "targetNodes", target);
        }

        w.WriteStartArray("drainedNodes");
        foreach (var id in rebalancer.Drained)
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteNodes(Utf8JsonWriter w, string name, Core.Routing.Topology topology)
    {
        w.WriteStartArray(name);
        foreach (var node in topology.Nodes)
        {
            w.WriteStartObject();
            w.WriteString("id", node.Id);
            w.WriteString("address", node.Address);
            w.WriteNumber("replicaGroup", node.ReplicaGroup);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
