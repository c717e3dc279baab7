namespace Miroir.Proxy.Rebalancing;

/// <summary>
/// Live counters of the current (or last) rebalance. Cheap lock-free reads, so the admin API and the metrics
/// registry (<c>miroir_rebalance_in_progress</c>, <c>miroir_rebalance_documents_migrated_total</c>,
/// <c>miroir_rebalance_duration_seconds</c>) can sample them at any time.
/// </summary>
public sealed class RebalanceProgress
{
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private Dictionary<string, IndexProgress> _indexes = new(StringComparer.Ordinal);
    private long _documentsMigrated;
    private long _documentsMigratedTotal;
    private int _shardsDone;
    private int _shardsTotal;
    private volatile string _phase = RebalancePhase.Idle;
    private volatile string? _lastError;

    internal RebalanceProgress(TimeProvider time) => _time = time;

    /// <summary>True from the start of a rebalance until it is done (a paused one counts as in progress).</summary>
    public bool InProgress => _phase is not (RebalancePhase.Idle or RebalancePhase.Done);

    /// <summary>One of <see cref="RebalancePhase"/>.</summary>
    public string Phase => _phase;

    public string? Operation { get; private set; }

    public string? Subject { get; private set; }

    public int ShardsTotal => Volatile.Read(ref _shardsTotal);

    public int ShardsDone => Volatile.Read(ref _shardsDone);

    /// <summary>Documents copied by the current (or last) rebalance.</summary>
    public long DocumentsMigrated => Interlocked.Read(ref _documentsMigrated);

    /// <summary>Documents copied by every rebalance of this process (a monotonic counter for metrics).</summary>
    public long DocumentsMigratedTotal => Interlocked.Read(ref _documentsMigratedTotal);

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Seconds from start to finish (or until now while running); 0 before the first rebalance.</summary>
    public double DurationSeconds => StartedAt is { } start ? ((FinishedAt ?? _time.GetUtcNow()) - start).TotalSeconds : 0;

    public string? LastError => _lastError;

    /// <summary>Per index progress, ordered by uid.</summary>
    public IReadOnlyList<IndexProgress> Indexes
    {
        get
        {
            lock (_gate)
            {
                return [.. _indexes.Values.OrderBy(i => i.Uid, StringComparer.Ordinal)];
            }
        }
    }

    internal void Begin(RebalancePlan plan)
    {
        lock (_gate)
        {
            Operation = plan.Operation;
            Subject = plan.Subject;
            StartedAt = plan.StartedAt;
            FinishedAt = null;
            _indexes = new Dictionary<string, IndexProgress>(StringComparer.Ordinal);
            _shardsTotal = 0;
            _shardsDone = 0;
            Interlocked.Exchange(ref _documentsMigrated, 0);
            _lastError = null;
            _phase = RebalancePhase.Copying;
        }
    }

    internal void SetPhase(string phase) => _phase = phase;

    /// <summary>Continues a paused rebalance: counters stay, the error is cleared.</summary>
    internal void Resume(string phase)
    {
        _lastError = null;
        _phase = phase;
    }

    /// <summary>Declares an index's shards to move (<paramref name="done"/> of them already copied before a restart).</summary>
    internal void PlanIndex(string uid, int shards, int done)
    {
        lock (_gate)
        {
            var previous = _indexes.GetValueOrDefault(uid);
            _indexes[uid] = new IndexProgress(uid, shards, done, previous?.DocumentsMigrated ?? 0);
            _shardsTotal += shards - (previous?.ShardsTotal ?? 0);
            _shardsDone += done - (previous?.ShardsDone ?? 0);
        }
    }

    internal void AddDocuments(string uid, long count)
    {
        Interlocked.Add(ref _documentsMigrated, count);
        Interlocked.Add(ref _documentsMigratedTotal, count);
        lock (_gate)
        {
            if (_indexes.TryGetValue(uid, out var index))
            {
                _indexes[uid] = index with { DocumentsMigrated = index.DocumentsMigrated + count };
            }
        }
    }

    internal void ShardDone(string uid)
    {
        Interlocked.Increment(ref _shardsDone);
        lock (_gate)
        {
            if (_indexes.TryGetValue(uid, out var index))
            {
                _indexes[uid] = index with { ShardsDone = index.ShardsDone + 1 };
            }
        }
    }

    internal void Pause(string error)
    {
        _lastError = error;
        _phase = RebalancePhase.Paused;
    }

    internal void Finish()
    {
        FinishedAt = _time.GetUtcNow();
        _phase = RebalancePhase.Done;
    }
}
