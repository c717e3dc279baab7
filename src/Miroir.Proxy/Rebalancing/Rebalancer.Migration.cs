using Miroir.Core.Routing;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Rebalancing;

/// <summary>
/// One migration: (a) writes already go to old and new owners (published with the plan), (b) every shard whose
/// holders change is copied to its new owners, <c>max_concurrent_migrations</c> at a time, each persisted as
/// done, (c) reads switch to the target topology and dual-writing stops, (d) nodes still in the fleet that lost
/// a shard delete it.
/// </summary>
internal sealed partial class Rebalancer
{
    private const int CopyAttempts = 3;

    /// <summary>Lets requests routed on the previous snapshot reach their nodes before a phase relies on it.</summary>
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    private async Task MigrateAsync(RebalancePlan plan, CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(_config.MigrationTimeoutS));
        var ct = timeout.Token;
        try
        {
            if (!plan.Switched)
            {
                Progress.SetPhase(RebalancePhase.Copying);
                await Task.Delay(QuietPeriod, _time, ct).ConfigureAwait(false);

                // Indexes created while copying are picked up by the next pass.
                var done = new HashSet<string>(StringComparer.Ordinal);
                while (_cluster.View.Indexes.FirstOrDefault(i => !done.Contains(i.Uid)) is { } index)
                {
                    await CopyIndexAsync(plan, index, ct).ConfigureAwait(false);
                    done.Add(index.Uid);
                }

                await SwitchAsync(plan).ConfigureAwait(false);
            }

            Progress.SetPhase(RebalancePhase.Cleaning);
            await Task.Delay(QuietPeriod, _time, ct).ConfigureAwait(false);
            foreach (var index in _cluster.View.Indexes)
            {
                await DeleteLostShardsAsync(plan, index, ct).ConfigureAwait(false);
            }

            await _state.AppendAsync("rebalanceDone", StateRecords.WriteKind, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            // Under the gate: the next operation may start right after and must not see its counters finished.
            await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            _plan = null;
            Progress.Finish();
            _gate.Release();
            RebalanceLog.Finished(_logger, plan.Operation, plan.Subject, Progress.DocumentsMigrated, Progress.DurationSeconds);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            throw new TimeoutException($"the rebalance did not finish within rebalancer.migration_timeout_s ({_config.MigrationTimeoutS} s)");
        }
    }

    /// <summary>Declares every known index's shard moves to the progress counters (before the copy reaches them).</summary>
    private void PlanProgress(RebalancePlan plan)
    {
        foreach (var index in _cluster.View.Indexes)
        {
            var (moves, todo) = Pending(plan, index);
            Progress.PlanIndex(index.Uid, moves.Length, moves.Length - todo.Length);
        }
    }

    /// <summary>The shards of an index that gain an owner, and those of them not copied yet. An index without a
    /// primary key never received a document: its shards are empty, nothing to copy.</summary>
    private static (ShardMove[] Moves, ShardMove[] Todo) Pending(RebalancePlan plan, IndexMeta index)
    {
        var moves = new ShardMap(plan.From, index.Shards).MovesTo(new ShardMap(plan.Target, index.Shards))
            .Where(m => m.Targets.Count > 0)
            .ToArray();
        lock (plan.Copied)
        {
            return (moves, index.PrimaryKey is null ? [] : [.. moves.Where(m => !plan.Copied.Contains((index.Uid, m.Shard)))]);
        }
    }

    private async Task CopyIndexAsync(RebalancePlan plan, IndexMeta index, CancellationToken ct)
    {
        foreach (var node in plan.Target.Nodes.Where(n => plan.From.GetOrdinal(n.Id) < 0))
        {
            await EnsureIndexAsync(plan, index, _cluster.ClientFor(node), ct).ConfigureAwait(false);
        }

        var (moves, todo) = Pending(plan, index);
        Progress.PlanIndex(index.Uid, moves.Length, moves.Length - todo.Length);
        var copier = new ShardCopier(_config.BatchSize, TimeSpan.FromMilliseconds(_config.BatchPauseMs), _time, _tombstones, _updatedAtField);
        var options = new ParallelOptions { MaxDegreeOfParallelism = _config.MaxConcurrentMigrations, CancellationToken = ct };
        await Parallel.ForEachAsync(todo, options, async (move, c) =>
        {
            long documents = 0;
            foreach (var targetId in move.Targets)
            {
                var target = _cluster.ClientFor(plan.Target.GetNode(plan.Target.GetOrdinal(targetId)));
                documents += await CopyWithRetryAsync(copier, plan, index, move, target, c).ConfigureAwait(false);
            }

            await _state.AppendAsync((index.Uid, move.Shard, documents), TopologyRecords.WriteShardCopied, cancellationToken: c).ConfigureAwait(false);
            lock (plan.Copied)
            {
                plan.Copied.Add((index.Uid, move.Shard));
            }

            Progress.ShardDone(index.Uid);
        }).ConfigureAwait(false);
    }

    /// <summary>Copies from the first readable holder; a failing source gives way to the next one, a failing target
    /// is retried after a pause; after <see cref="CopyAttempts"/> rounds the rebalance pauses.</summary>
    private async Task<long> CopyWithRetryAsync(ShardCopier copier, RebalancePlan plan, IndexMeta index, ShardMove move, NodeClient target, CancellationToken ct)
    {
        var reason = "no node holding the shard is readable";
        for (var attempt = 1; attempt <= CopyAttempts; attempt++)
        {
            foreach (var sourceId in move.Sources.Where(id => _cluster.NodeStates.IsReadable(id)))
            {
                var source = _cluster.ClientFor(plan.From.GetNode(plan.From.GetOrdinal(sourceId)));
                try
                {
                    return await copier.CopyAsync(index.Uid, index.PrimaryKey!, move.Shard, source, target, n => Progress.AddDocuments(index.Uid, n), ct).ConfigureAwait(false);
                }
                catch (MigrationException e)
                {
                    reason = e.Message;
                    RebalanceLog.CopyRetry(_logger, move.Shard, index.Uid, target.Id, e.Message);
                    if (e.NodeId == target.Id)
                    {
                        break;
                    }
                }
            }

            if (_cluster.View.FindIndex(index.Uid) is null)
            {
                return 0; // deleted by a client meanwhile: nothing left to copy
            }

            await Task.Delay(RetryDelay * attempt, _time, ct).ConfigureAwait(false);
        }

        throw new MigrationException(target.Id, $"shard {move.Shard} of `{index.Uid}` could not be copied to `{target.Id}`: {reason}");
    }

    private async Task SwitchAsync(RebalancePlan plan)
    {
        await _state.AppendAsync(plan.Target, TopologyRecords.WriteTopology, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        await _state.AppendAsync("rebalanceSwitched", StateRecords.WriteKind, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        MarkSwitched(plan);
        _cluster.Publish(plan.Target, null);
        foreach (var node in plan.Target.Nodes.Where(n => plan.From.GetOrdinal(n.Id) < 0))
        {
            _cluster.NodeStates.Set(node.Id, NodeState.Healthy);
        }

        foreach (var node in plan.From.Nodes.Where(n => plan.Target.GetOrdinal(n.Id) < 0))
        {
            _cluster.NodeStates.Set(node.Id, NodeState.Removed);
        }
    }

    /// <summary>Nodes that left the fleet keep their data (a fallback until they are decommissioned); nodes that stay drop what they lost.</summary>
    private async Task DeleteLostShardsAsync(RebalancePlan plan, IndexMeta index, CancellationToken ct)
    {
        var path = "indexes/" + Uri.EscapeDataString(index.Uid) + "/documents/delete";
        foreach (var move in new ShardMap(plan.From, index.Shards).MovesTo(new ShardMap(plan.Target, index.Shards)))
        {
            foreach (var loserId in move.Losers.Where(id => plan.Target.GetOrdinal(id) >= 0))
            {
                var loser = _cluster.ClientFor(plan.Target.GetNode(plan.Target.GetOrdinal(loserId)));
                var body = Http.JsonBytes.Write(move.Shard, static (w, shard) =>
                {
                    w.WriteStartObject();
                    w.WriteString("filter", "_miroir_shard = " + shard.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    w.WriteEndObject();
                });
                var response = await loser.SendAsync(HttpMethod.Post, path, body, "application/json", ct).ConfigureAwait(false);
                if (response.TaskUid() < 0)
                {
                    RebalanceLog.DeleteFailed(_logger, move.Shard, index.Uid, loserId, ShardCopier.Reason(response));
                }
            }
        }
    }

    /// <summary>Creates the index on a joining node with the settings of the first current node that gives them.</summary>
    private async Task EnsureIndexAsync(RebalancePlan plan, IndexMeta index, NodeClient target, CancellationToken ct)
    {
        var reason = "no node of the current topology is readable";
        foreach (var source in plan.From.Nodes.Where(n => _cluster.NodeStates.IsReadable(n.Id)).Select(_cluster.ClientFor))
        {
            try
            {
                await IndexReplicator.EnsureAsync(index.Uid, index.PrimaryKey, source, target, ct).ConfigureAwait(false);
                return;
            }
            catch (MigrationException e) when (e.NodeId == source.Id)
            {
                reason = e.Message;
            }
        }

        if (_cluster.View.FindIndex(index.Uid) is not null)
        {
            throw new MigrationException(target.Id, $"index `{index.Uid}` could not be prepared on `{target.Id}`: {reason}");
        }
    }
}
