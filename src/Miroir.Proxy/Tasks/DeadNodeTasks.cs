using Miroir.Core.Configuration;
using Miroir.Meili.Errors;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Hints;
using Miroir.Proxy.Http;
using Miroir.Proxy.Writes;

namespace Miroir.Proxy.Tasks;

/// <summary>
/// Issue 17.1: a Miroir task never waits for a dead node. A node task whose node is marked failed, left the topology
/// or no longer has the task (restarted without it) is given up on: the shards it carried become a durable repair
/// hint for that node, and the Miroir task finishes once the others did, succeeded if they still meet
/// <c>write_quorum</c> for every shard it touched (as at acknowledgment), failed otherwise.
/// </summary>
internal sealed class DeadNodeTasks(RepairHints hints, WriteQuorumPolicy policy)
{
    /// <param name="lost">Node tasks their node answered about without them.</param>
    public async Task GiveUpAsync(MiroirTask task, ClusterView view, IReadOnlySet<NodeTaskRef> lost)
    {
        var gaveUp = false;
        foreach (var r in task.NodeTasks)
        {
            if (r.IsFinished || r.GivenUp || !IsDead(r, view, lost))
            {
                continue;
            }

            if (!r.Auxiliary && task.IndexUid is { } index && task.Touches.FirstOrDefault(t => t.NodeId == r.NodeId) is { Shards.Length: > 0 } touched)
            {
                await hints.AddAsync(r.NodeId, index, touched.Shards).ConfigureAwait(false); // durable before the task may finish
            }

            r.GivenUp = true;
            gaveUp = true;
        }

        if (gaveUp && task.NodeTasks.All(r => r.IsFinished || r.GivenUp) && QuorumLost(task, view) is { } reason)
        {
            task.OrchestratorError = ErrorAnswers.Json(new ErrorAnswer(503, MiroirErrors.NoQuorumCode, "system", reason));
        }
    }

    private static bool IsDead(NodeTaskRef r, ClusterView view, IReadOnlySet<NodeTaskRef> lost) =>
        lost.Contains(r) || view.Topology.GetOrdinal(r.NodeId) < 0 || view.StateOf(r.NodeId) == NodeState.Failed;

    /// <summary>Why the node tasks that did finish no longer meet the policy, or null when they do.</summary>
    private string? QuorumLost(MiroirTask task, ClusterView view)
    {
        var given = string.Join(", ", task.NodeTasks.Where(r => r.GivenUp).Select(r => r.NodeId).Distinct());
        if (task.Touches.Count == 0 || task.IndexUid is null)
        {
            return task.NodeTasks.All(r => r.GivenUp) ? $"every node task was given up (nodes {given} failed or lost them)." : null;
        }

        var acked = new bool[view.Topology.Nodes.Count];
        foreach (var group in task.NodeTasks.Where(r => !r.Auxiliary).GroupBy(r => r.NodeId))
        {
            var ordinal = view.Topology.GetOrdinal(group.Key);
            if (ordinal >= 0 && ordinal < acked.Length)
            {
                acked[ordinal] = group.All(r => !r.GivenUp && r.Status == TaskStatusNames.Succeeded);
            }
        }

        var involved = task.Touches.SelectMany(t => t.Shards).ToHashSet();
        var quorum = WriteQuorum.Evaluate(view.ShardMap(view.ShardsOf(task.IndexUid)), acked, involved.Contains, policy);
        return quorum.Reached
            ? null
            : $"node tasks on {given} were given up (node failed or lost the task) and shard {quorum.FailedShard} has no write_quorum of finished copies; the copies are owed to those nodes as repair hints.";
    }
}
