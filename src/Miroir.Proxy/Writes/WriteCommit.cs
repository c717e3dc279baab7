using Microsoft.Extensions.Logging;
using Miroir.Core.Configuration;
using Miroir.Core.Routing;
using Miroir.Proxy.Hints;
using Miroir.Proxy.Http;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Writes;

/// <summary>
/// The two durable steps around a write's fan-out (01-core §3.5–3.6): the task's intent before any node is touched,
/// then the outcome: <c>write_quorum</c> evaluated, a repair hint for every copy that missed a write which landed
/// elsewhere, and the node tasks attached (202) or the task failed (503 naming it). No write is ever untracked.
/// </summary>
internal sealed class WriteCommit(TaskStore tasks, RepairHints hints, WriteQuorumPolicy policy, ILogger logger)
{
    /// <summary>Records the intent durably; call before the first node is sent anything.</summary>
    public Task<MiroirTask> BeginAsync(string? indexUid, string type, byte[]? details, int copies, IReadOnlyList<TouchedShards> touches) =>
        tasks.BeginAsync(indexUid, type, details, copies, touches);

    /// <summary>Forgets an intent whose request the first node refused (nothing was written).</summary>
    public Task AbandonAsync(MiroirTask task) => tasks.AbandonAsync(task);

    /// <summary>Settles a fan-out: hints for missed copies first, then the task accepted or failed.</summary>
    /// <param name="map">The current map the quorum is counted on; <paramref name="acked"/> is indexed by its ordinals.</param>
    /// <param name="nodes">Clients by ordinal (at least the current nodes).</param>
    /// <param name="responses">Every answer of the fan-out (the 503 names why nodes failed; a node's 4xx refusal is relayed).</param>
    /// <param name="owesShards">False when a missed copy owes no documents (index metadata): no hint is recorded.</param>
    /// <exception cref="ProxyException">No group met the policy for some shard: the task is failed first.</exception>
    public async Task<WriteQuorum> CompleteAsync(
        MiroirTask task,
        ShardMap map,
        IReadOnlyList<NodeClient> nodes,
        bool[] acked,
        NodeTaskRef[] nodeTasks,
        Func<int, bool> involvesShard,
        IEnumerable<NodeResponse?> responses,
        bool owesShards = true,
        string? type = null,
        Action<MiroirTask>? prepare = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var quorum = WriteQuorum.Evaluate(map, acked, involvesShard, policy);
        if (owesShards && task.IndexUid is { } index)
        {
            foreach (var missed in quorum.Missed)
            {
                await hints.AddAsync(nodes[missed.Node].Id, index, missed.Shards).ConfigureAwait(false);
            }
        }

        if (!quorum.Reached)
        {
            var error = NoQuorum(responses, quorum.FailedShard, task.Uid);
            WritesLog.NoQuorum(logger, task.Uid, task.IndexUid, error.Message);
            await tasks.FailAsync(task, nodeTasks, ErrorAnswers.Json(error.Answer)).ConfigureAwait(false);
            throw error;
        }

        if (quorum.IsDegraded || quorum.DegradedGroups.Length > 0)
        {
            WritesLog.MissedCopies(logger, task.Uid, task.IndexUid, DegradedHeader.Format(quorum, nodes));
        }

        await tasks.AttachAsync(task, nodeTasks, type, prepare).ConfigureAwait(false);
        return quorum;
    }

    /// <summary>503 naming the shard, why its nodes failed and the failed task; a node's own 4xx refusal is relayed instead.</summary>
    private static ProxyException NoQuorum(IEnumerable<NodeResponse?> responses, int shard, long taskUid)
    {
        var all = responses.ToArray();
        var refused = all.FirstOrDefault(r => r is { Reached: true, IsSuccess: false });
        if (refused is not null && refused.Status is >= 400 and < 500)
        {
            return Broadcaster.NodeError(refused);
        }

        var reasons = string.Join("; ", all.Where(r => r is { Reached: false }).Select(r => r!.Failure).Distinct());
        return MiroirErrors.NoQuorum(
            $"shard {shard} could not be written by write_quorum of its replicas in any replica group ({reasons}). " +
            $"Task {taskUid} records it as failed; copies that did land are reconciled with their replicas.");
    }
}
