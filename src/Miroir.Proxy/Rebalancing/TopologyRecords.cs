using System.Text.Json;
using Miroir.Core.Routing;

namespace Miroir.Proxy.Rebalancing;

/// <summary>
/// State log records of topology changes (kind in <c>"r"</c>): <c>topology</c> (the committed topology, whole),
/// <c>rebalance</c> (a change started: operation and target topology), <c>shardCopied</c> (one shard of one index
/// reached every new owner), <c>rebalanceSwitched</c> (reads use the target), <c>rebalanceDone</c> and
/// <c>nodeForgotten</c> (a drained node was deleted from the admin view).
/// </summary>
internal static class TopologyRecords
{
    public const string DrainedKind = "drained";

    public static void WriteTopology(Utf8JsonWriter w, Topology topology)
    {
        w.WriteStartObject();
        w.WriteString("r", "topology");
        WriteTopologyFields(w, topology);
        w.WriteEndObject();
    }

    public static void WriteRebalance(Utf8JsonWriter w, RebalancePlan plan)
    {
        w.WriteStartObject();
        w.WriteString("r", "rebalance");
        w.WriteString("operation", plan.Operation);
        w.WriteString("subject", plan.Subject);
        w.WriteString("startedAt", plan.StartedAt);
        w.WriteStartObject("target");
        WriteTopologyFields(w, plan.Target);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void WriteShardCopied(Utf8JsonWriter w, (string Index, int Shard, long Documents) copied)
    {
        w.WriteStartObject();
        w.WriteString("r", "shardCopied");
        w.WriteString("index", copied.Index);
        w.WriteNumber("shard", copied.Shard);
        w.WriteNumber("documents", copied.Documents);
        w.WriteEndObject();
    }

    /// <summary>A node drained out of the topology and not yet forgotten (snapshots only: replay otherwise derives it from the switch).</summary>
    public static void WriteDrained(Utf8JsonWriter w, string nodeId)
    {
        w.WriteStartObject();
        w.WriteString("r", DrainedKind);
        w.WriteString("id", nodeId);
        w.WriteEndObject();
    }

    public static void WriteNodeForgotten(Utf8JsonWriter w, string nodeId)
    {
        w.WriteStartObject();
        w.WriteString("r", "nodeForgotten");
        w.WriteString("id", nodeId);
        w.WriteEndObject();
    }

    public static Topology ReadTopology(JsonElement e)
    {
        var nodes = e.GetProperty("nodes").EnumerateArray().Select(n => new TopologyNode(
            n.GetProperty("id").GetString()!,
            n.GetProperty("address").GetString()!,
            n.GetProperty("group").GetInt32()));
        return new Topology(nodes, e.GetProperty("rf").GetInt32(), e.GetProperty("groups").GetInt32());
    }

    public static RebalancePlan ReadRebalance(JsonElement e, Topology from) => new(
        e.GetProperty("operation").GetString()!,
        e.GetProperty("subject").GetString()!,
        from,
        ReadTopology(e.GetProperty("target")),
        e.GetProperty("startedAt").GetDateTimeOffset());

    private static void WriteTopologyFields(Utf8JsonWriter w, Topology topology)
    {
        w.WriteNumber("rf", topology.ReplicationFactor);
        w.WriteNumber("groups", topology.ReplicaGroupCount);
        w.WriteStartArray("nodes");
        foreach (var node in topology.Nodes)
        {
            w.WriteStartObject();
            w.WriteString("id", node.Id);
            w.WriteString("address", node.Address);
            w.WriteNumber("group", node.ReplicaGroup);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
