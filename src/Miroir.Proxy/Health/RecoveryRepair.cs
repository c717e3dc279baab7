using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Miroir.Proxy.AntiEntropy;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Hints;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Tasks;
using Miroir.Storage.Workers;

namespace Miroir.Proxy.Health;

/// <summary>
/// Pays the copies nodes owe (durable repair hints, 01-core §3.6 and §7), shard by shard: each owed copy is reconciled
/// with every live replica of its shard as long as one of them does not owe it, newest stamp winning and tombstones
/// beating stale copies, then the hint is cleared up to the sequence read before that shard's repair began. Runs at
/// start (hints survive restarts), when a node leaves Failed, and every <c>interval</c> (a live node that missed a
/// write). A copy with no clean source keeps its hint, and reads keep away from it.
/// </summary>
/// <remarks>
/// With <c>failedNodesOweAll</c>, a node marked Failed owes every copy it holds from then on: it may have missed any
/// write of its downtime, whatever the write path recorded. This durable hint replaces the in-memory Joining hold a
/// returning node used to get: the node serves reads again as soon as its probes say so, copy by copy as each is
/// repaired, and an orchestrator restart forgets nothing. A node that returns to an index no task wrote without it
/// since it was last seen missed nothing there, and is forgiven those copies at once: otherwise two nodes failing in
/// turn would both owe everything and neither could repair the other.
/// </remarks>
internal sealed class RecoveryRepair : IAsyncDisposable
{
    private readonly ClusterState _cluster;
    private readonly RepairHints _hints;
    private readonly AntiEntropyReconciler _reconciler;
    private readonly HealthMonitor _health;
    private readonly TaskStore _tasks;
    private readonly bool _failedNodesOweAll;
    private readonly ILogger _logger;
    private readonly PeriodicWorker _rounds;
    private readonly ConcurrentDictionary<string, Task> _recording = new(StringComparer.Ordinal);

    // Per failed node: when it was last seen answering (null = not since this process started; writes after it may
    // be missed) and the copies it already owed then (a missed write recorded earlier is never forgiven).
    private readonly ConcurrentDictionary<string, (DateTimeOffset? LastSeen, HashSet<RepairHint> OwedBefore)> _failures = new(StringComparer.Ordinal);

    public RecoveryRepair(ClusterState cluster, RepairHints hints, AntiEntropyReconciler reconciler, HealthMonitor health, TaskStore tasks,
        bool failedNodesOweAll, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _cluster = cluster;
        _hints = hints;
        _reconciler = reconciler;
        _health = health;
        _tasks = tasks;
        _failedNodesOweAll = failedNodesOweAll;
        _logger = logger;
        _rounds = new PeriodicWorker(interval, time, RepairAllAsync, e => ProxyLog.BackgroundWorkFailed(logger, e, "recovery repair"), runAtStart: true);
        health.Failed += NodeFailed;
        health.Recovered += NodeReturned;
    }

    public void Start() => _rounds.Start();

    /// <summary>A node was marked Failed: with <c>failedNodesOweAll</c> it owes every copy it holds (recorded durably now).</summary>
    private void NodeFailed(string nodeId)
    {
        if (_failedNodesOweAll)
        {
            _failures[nodeId] = (_health.Get(nodeId).LastSeen, [.. _cluster.View.Hints.For(nodeId).Select(h => h.Hint)]);
            _recording[nodeId] = OweAllAsync(nodeId);
        }
    }

    private void NodeReturned(string nodeId)
    {
        if (_recording.TryGetValue(nodeId, out var recording) && _failures.TryRemove(nodeId, out var failure) && failure.LastSeen is { } since)
        {
            _recording[nodeId] = ForgiveUnwrittenAsync(recording, nodeId, since, failure.OwedBefore);
        }
        else
        {
            Returned(nodeId);
        }
    }

    private void Returned(string nodeId)
    {
        var owed = _cluster.View.Hints.For(nodeId).Count;
        if (owed > 0)
        {
            RecoveryLog.NodeRecovering(_logger, nodeId, owed);
        }

        _rounds.RunSoon();
    }

    /// <summary>
    /// Clears the copies of indexes no task wrote since the node was last seen, other than tasks it applied, that it
    /// owes from its failure only (not those it owed before).
    /// </summary>
    private async Task ForgiveUnwrittenAsync(Task recording, string nodeId, DateTimeOffset since, HashSet<RepairHint> owedBefore)
    {
        await recording.ConfigureAwait(false);
        try
        {
            var startedAt = _hints.NextSequence;
            // A task the node applied (its node task there finished) is not missed, even if it came after its last probe.
            var written = _tasks.Newest().TakeWhile(t => t.EnqueuedAt >= since)
                .Where(t => !t.NodeTasks.Any(n => n.NodeId == nodeId && n.IsFinished))
                .Select(t => t.IndexUid).ToHashSet();
            foreach (var index in _cluster.View.Hints.For(nodeId).GroupBy(h => h.Hint.IndexUid, StringComparer.Ordinal))
            {
                // A task without an index (a swap) may have touched any.
                if (!written.Contains(index.Key) && !written.Contains(null))
                {
                    int[] shards = [.. index.Where(h => !owedBefore.Contains(h.Hint)).Select(h => h.Hint.Shard)];
                    await _hints.ClearAsync(nodeId, index.Key, shards, startedAt).ConfigureAwait(false);
                }
            }
        }
#pragma warning disable CA1031 // The hints stay and are repaired the slow way.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ProxyLog.BackgroundWorkFailed(_logger, e, "forgiving a returning node's unwritten copies");
        }

        Returned(nodeId);
    }

    private async Task OweAllAsync(string nodeId)
    {
        try
        {
            await RecordOweAllAsync(nodeId).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A state log failure is reported; the next failure of the node records again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ProxyLog.BackgroundWorkFailed(_logger, e, "recording the copies a failed node owes");
        }
    }

    private async Task RecordOweAllAsync(string nodeId)
    {
        var view = _cluster.View;
        var ordinal = view.Topology.GetOrdinal(nodeId);
        if (ordinal < 0)
        {
            return;
        }

        var copies = 0;
        foreach (var index in view.Indexes)
        {
            var shards = view.ShardMap(index).GetShards(ordinal).ToArray();
            copies += shards.Length;
            await _hints.AddAsync(nodeId, index.Uid, shards).ConfigureAwait(false);
        }

        RecoveryLog.NodeOwesAll(_logger, nodeId, copies);
    }

    /// <summary>One round: every node owing copies that is not down right now.</summary>
    private async Task RepairAllAsync(CancellationToken ct)
    {
        foreach (var nodeId in _cluster.View.Hints.Nodes)
        {
            if (_cluster.View.StateOf(nodeId) is not (NodeState.Failed or NodeState.Removed))
            {
                await RepairNodeAsync(nodeId, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task RepairNodeAsync(string nodeId, CancellationToken ct)
    {
        var (shards, documents) = (0, 0L);
        foreach (var (hint, _) in _cluster.View.Hints.For(nodeId))
        {
            var repaired = await RepairCopyAsync(hint, ct).ConfigureAwait(false);
            shards += repaired is null ? 0 : 1;
            documents += repaired ?? 0;
        }

        RecoveryLog.NodeRepaired(_logger, nodeId, shards, documents, _cluster.View.Hints.For(nodeId).Count);
    }

    /// <summary>Repairs one owed copy; the documents repaired, or null when the hint stays.</summary>
    private async Task<long?> RepairCopyAsync(RepairHint hint, CancellationToken ct)
    {
        var startedAt = _hints.NextSequence;
        var view = _cluster.View;
        if (view.FindIndex(hint.IndexUid) is not { PrimaryKey: not null } index || hint.Shard >= index.Shards)
        {
            // The index is gone (or took no document yet, or no longer has the shard): nothing can be missing.
            await _hints.ClearAsync(hint.NodeId, hint.IndexUid, [hint.Shard], startedAt).ConfigureAwait(false);
            return 0;
        }

        var (replicas, owing) = Replicas(view, index, hint.Shard);
        if (!owing.Contains(hint.NodeId))
        {
            return null; // not live right now (or no longer an owner): a later round retries
        }

        if (owing.Count == replicas.Length && replicas.Length < view.ShardMap(index).GetWriteTargets(hint.Shard).Length)
        {
            // Every replica up owes the shard and one that may hold the newest copies is down: wait for it. (When every
            // replica owes it and all are up, reconciling them all is the best there is: nothing else holds the shard.)
            RecoveryLog.NodeRepairFailed(_logger, hint.NodeId, hint.IndexUid, hint.Shard, "every live replica owes this shard: no clean copy to repair from");
            return null;
        }

        var outcome = await _reconciler.RepairShardAsync(index, hint.Shard, replicas, ct).ConfigureAwait(false);
        if (outcome.Skipped is { } skipped)
        {
            RecoveryLog.NodeRepairFailed(_logger, hint.NodeId, hint.IndexUid, hint.Shard, $"node `{skipped.Node}`: {skipped.Reason}");
            return null;
        }

        // Every live replica now holds the newest copy of every document: all of them are paid up to the start.
        foreach (var nodeId in owing)
        {
            await _hints.ClearAsync(nodeId, hint.IndexUid, [hint.Shard], startedAt).ConfigureAwait(false);
        }

        return outcome.Mismatch?.Repaired ?? 0;
    }

    /// <summary>The shard's live replicas (every group) and which of them owe it.</summary>
    private static (NodeClient[] Replicas, List<string> Owing) Replicas(ClusterView view, IndexMeta index, int shard)
    {
        var replicas = new List<NodeClient>();
        var owing = new List<string>();
        foreach (var ordinal in view.ShardMap(index).GetWriteTargets(shard))
        {
            var node = view.Nodes[ordinal];
            if (view.StateOf(node.Id) is NodeState.Failed or NodeState.Removed)
            {
                continue;
            }

            replicas.Add(node);
            if (view.Hints.Owes(node.Id, index.Uid, shard))
            {
                owing.Add(node.Id);
            }
        }

        return ([.. replicas], owing);
    }

    public async ValueTask DisposeAsync()
    {
        await _rounds.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(_recording.Values).ConfigureAwait(false);
    }
}
