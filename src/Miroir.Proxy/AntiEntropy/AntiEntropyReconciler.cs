using Miroir.Core.Configuration;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>
/// Runs reconciler passes (spec §13.8) over every index and shard, one pass at a time, and keeps the counters the
/// metrics endpoint exports. Scheduled passes are paced by the duty cycle; passes an operator asks for run at full
/// <c>max_read_concurrency</c> because someone is waiting on the answer.
/// </summary>
public sealed class AntiEntropyReconciler : IDisposable
{
    private readonly ClusterState _cluster;
    private readonly AntiEntropyConfig _config;
    private readonly TimeProvider _time;
    private readonly double _dutyCycle;
    private readonly SemaphoreSlim _onePass = new(1, 1);
    private long _shardsScanned;
    private long _mismatchesFound;
    private long _docsRepaired;
    private long _tombstoneDeletes;
    private long _lastScanCompletedMs;
    private int _cursor;
    private volatile AntiEntropyPass? _lastPass;
    private volatile bool _running;

    internal AntiEntropyReconciler(ClusterState cluster, AntiEntropyConfig config, TombstoneStore tombstones, TimeProvider time, double dutyCycle)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dutyCycle);
        _cluster = cluster;
        _config = config;
        Tombstones = tombstones;
        _time = time;
        _dutyCycle = Math.Min(dutyCycle, 1);
    }

    public AntiEntropyConfig Config => _config;

    /// <summary>The accepted deletions a repair must not undo.</summary>
    internal TombstoneStore Tombstones { get; }

    /// <summary><c>miroir_antientropy_shards_scanned_total</c>: shards whose every replica was read.</summary>
    public long ShardsScannedTotal => Interlocked.Read(ref _shardsScanned);

    /// <summary><c>miroir_antientropy_mismatches_found_total</c>: shards found with disagreeing replicas.</summary>
    public long MismatchesFoundTotal => Interlocked.Read(ref _mismatchesFound);

    /// <summary><c>miroir_antientropy_docs_repaired_total</c>: divergent documents repaired on every replica.</summary>
    public long DocsRepairedTotal => Interlocked.Read(ref _docsRepaired);

    /// <summary><c>miroir_antientropy_tombstone_deletes_total</c>: of the repaired documents, those deleted everywhere because a tombstone covers them.</summary>
    public long TombstoneDeletesTotal => Interlocked.Read(ref _tombstoneDeletes);

    /// <summary><c>miroir_antientropy_last_scan_completed_seconds</c>: Unix time the last pass ended (0 = never).</summary>
    public double LastScanCompletedSeconds => Interlocked.Read(ref _lastScanCompletedMs) / 1000.0;

    /// <summary>The last finished pass, or null.</summary>
    public AntiEntropyPass? LastPass => _lastPass;

    /// <summary>True while a pass runs.</summary>
    public bool Running => _running;

    /// <summary>Runs one pass (waiting for a running one to end first).</summary>
    /// <param name="repair">False compares digests only (<c>/_miroir/verify</c>); true repairs when <c>auto_repair</c> allows.</param>
    /// <param name="scheduled">True for the background schedule: paced, and limited to <c>shards_per_pass</c>.</param>
    public Task<AntiEntropyPass> RunPassAsync(bool repair, bool scheduled, CancellationToken ct) => RunAsync(repair, scheduled, null, ct);

    /// <summary>Runs one repairing pass over only the given shards of the given indexes (interrupted writes to converge).</summary>
    public Task<AntiEntropyPass> RunScopedPassAsync(IReadOnlyDictionary<string, HashSet<int>> shardsByIndex, CancellationToken ct) =>
        RunAsync(repair: true, scheduled: false, shardsByIndex, ct);

    private async Task<AntiEntropyPass> RunAsync(bool repair, bool scheduled, IReadOnlyDictionary<string, HashSet<int>>? only, CancellationToken ct)
    {
        await _onePass.WaitAsync(ct).ConfigureAwait(false);
        _running = true;
        try
        {
            var started = _time.GetUtcNow();
            using var throttle = new ReadThrottle(_config.MaxReadConcurrency, scheduled ? _dutyCycle : 1, _time);
            Tombstones.Expire();
            var scope = new ReconcileScope(throttle, _config.FingerprintBatchSize, _config.UpdatedAtField, repair && _config.AutoRepair, started.ToUnixTimeMilliseconds(), _time, Tombstones);
            var work = PickShards(scheduled, only);
            var outcomes = new ShardOutcome[work.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, work.Count), new ParallelOptions { MaxDegreeOfParallelism = _config.MaxReadConcurrency, CancellationToken = ct }, async (i, c) =>
            {
                var (index, shard, replicas) = work[i];
                outcomes[i] = await new ShardReconciler(scope, index, shard, replicas).RunAsync(c).ConfigureAwait(false);
            }).ConfigureAwait(false);

            var pass = Summarise(scope.Repair, outcomes, started);
            Interlocked.Add(ref _shardsScanned, pass.ShardsScanned);
            Interlocked.Add(ref _mismatchesFound, pass.Mismatches.Count);
            Interlocked.Add(ref _docsRepaired, pass.DocumentsRepaired);
            Interlocked.Add(ref _tombstoneDeletes, outcomes.Sum(o => (long)(o.Mismatch?.TombstoneDeletes ?? 0)));
            Interlocked.Exchange(ref _lastScanCompletedMs, pass.CompletedAt.ToUnixTimeMilliseconds());
            _lastPass = pass;
            return pass;
        }
        finally
        {
            _running = false;
            _onePass.Release();
        }
    }

    /// <summary>
    /// Reconciles one shard over the given replicas and repairs it whatever <c>auto_repair</c> says (a copy a node owes
    /// is the write path's unfinished work, not drift): newest stamp wins, tombstones win over stale copies, and the
    /// repaired documents are re-checked until stable. Runs beside a pass; both only ever write the newest copy.
    /// </summary>
    internal async Task<ShardOutcome> RepairShardAsync(IndexMeta index, int shard, NodeClient[] replicas, CancellationToken ct)
    {
        using var throttle = new ReadThrottle(_config.MaxReadConcurrency, 1, _time);
        var scope = new ReconcileScope(throttle, _config.FingerprintBatchSize, _config.UpdatedAtField, Repair: true,
            _time.GetUtcNow().ToUnixTimeMilliseconds(), _time, Tombstones);
        var outcome = await new ShardReconciler(scope, index, shard, replicas).RunAsync(ct).ConfigureAwait(false);
        Interlocked.Add(ref _docsRepaired, outcome.Mismatch?.Repaired ?? 0);
        return outcome;
    }

    /// <summary>Every (index, shard) with its replicas in every group; a scheduled pass takes the next <c>shards_per_pass</c> of them.</summary>
    private List<(IndexMeta Index, int Shard, NodeClient[] Replicas)> PickShards(bool scheduled, IReadOnlyDictionary<string, HashSet<int>>? only)
    {
        var view = _cluster.View;
        var snapshot = view.Snapshot;
        var all = new List<(IndexMeta, int, NodeClient[])>();
        foreach (var index in view.Indexes.Where(i => i.PrimaryKey is not null))
        {
            var map = snapshot.ShardMap(index.Shards);
            for (var shard = 0; shard < index.Shards; shard++)
            {
                if (only is not null && (!only.TryGetValue(index.Uid, out var wanted) || !wanted.Contains(shard)))
                {
                    continue;
                }

                var targets = map.GetWriteTargets(shard);
                var replicas = new NodeClient[targets.Length];
                for (var r = 0; r < targets.Length; r++)
                {
                    replicas[r] = snapshot.Clients[targets[r]];
                }

                all.Add((index, shard, replicas));
            }
        }

        var limit = _config.ShardsPerPass;
        if (!scheduled || limit == 0 || limit >= all.Count)
        {
            return all;
        }

        var start = _cursor % all.Count;
        _cursor = (start + limit) % all.Count;
        return [.. all.Skip(start).Concat(all).Take(limit)];
    }

    private AntiEntropyPass Summarise(bool repair, ShardOutcome[] outcomes, DateTimeOffset started)
    {
        var mismatches = outcomes.Where(o => o.Mismatch is not null).Select(o => o.Mismatch!).ToArray();
        var skipped = outcomes.Where(o => o.Skipped is not null).Select(o => o.Skipped!).ToArray();
        var scanned = outcomes.Count(o => o.Skipped is null || o.Mismatch is not null);
        return new AntiEntropyPass(repair, scanned, mismatches, skipped, mismatches.Sum(m => (long)m.Repaired), started, _time.GetUtcNow());
    }

    public void Dispose() => _onePass.Dispose();
}
