using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Rebalancing;

/// <summary>The rebalancer's part of a state snapshot: records that, replayed from nothing, rebuild the same topology, plan and drained nodes.</summary>
internal sealed partial class Rebalancer
{
    public IReadOnlyCollection<string> RecordKinds { get; } =
        ["topology", "rebalance", "shardCopied", "rebalanceSwitched", "rebalanceDone", "nodeForgotten", TopologyRecords.DrainedKind];

    public void WriteSnapshot(StateSnapshotWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_plan is { } plan)
        {
            // The plan is read against the topology before it, as when it was first logged.
            if (_topologyFromLog || plan.Switched)
            {
                writer.Write(plan.From, TopologyRecords.WriteTopology);
            }

            writer.Write(plan, TopologyRecords.WriteRebalance);
            foreach (var copied in plan.Copied.OrderBy(c => c.Index, StringComparer.Ordinal).ThenBy(c => c.Shard))
            {
                writer.Write((copied.Index, copied.Shard, 0L), TopologyRecords.WriteShardCopied);
            }

            if (plan.Switched)
            {
                writer.Write(plan.Target, TopologyRecords.WriteTopology);
                writer.Write("rebalanceSwitched", StateRecords.WriteKind);
            }
        }
        else if (_topologyFromLog)
        {
            writer.Write(_current, TopologyRecords.WriteTopology);
        }

        foreach (var id in Drained)
        {
            writer.Write(id, TopologyRecords.WriteDrained);
        }
    }
}
