namespace Miroir.Engine.Tasks;

/// <summary>
/// Every task the node knows, in uid order, plus the queue of tasks still to run. One lock
/// guards it all: task lists are small next to documents, and the lock is held only for
/// list walks and field updates, never for I/O.
/// </summary>
internal sealed class TaskStore
{
    private readonly Lock _lock = new();
    private readonly List<EngineTask> _tasks = [];
    private readonly Dictionary<long, EngineTask> _byUid = [];
    private readonly List<EngineTask> _pending = [];
    private readonly HashSet<long> _ready = [];
    private long _nextUid;

    /// <summary>The lock that also serialises uid assignment with the log append (see NodeContext).</summary>
    public Lock SyncRoot => _lock;

    public long NextUid
    {
        get { lock (_lock) { return _nextUid; } }
    }

    public int Count
    {
        get { lock (_lock) { return _tasks.Count; } }
    }

    /// <summary>Assigns the next uid. The caller holds <see cref="SyncRoot"/>.</summary>
    public EngineTask CreateLocked(TaskKind kind, string? indexUid, TaskPayload payload, byte[]? details, DateTimeOffset now)
    {
        var task = new EngineTask
        {
            Uid = _nextUid++,
            Kind = kind,
            IndexUid = indexUid,
            EnqueuedAt = now,
            Details = details,
            Payload = payload,
        };
        AddLocked(task);
        return task;
    }

    /// <summary>Adds a task restored from the log or a snapshot; ignores a uid already known.</summary>
    public void Restore(EngineTask task)
    {
        lock (_lock)
        {
            if (!_byUid.ContainsKey(task.Uid))
            {
                AddLocked(task);
            }
        }
    }

    private void AddLocked(EngineTask task)
    {
        // Uids only grow, except when restoring out of order from a snapshot plus log.
        if (_tasks.Count > 0 && _tasks[^1].Uid > task.Uid)
        {
            var at = _tasks.FindIndex(t => t.Uid > task.Uid);
            _tasks.Insert(at, task);
        }
        else
        {
            _tasks.Add(task);
        }
        _byUid[task.Uid] = task;
        _nextUid = Math.Max(_nextUid, task.Uid + 1);
        if (!task.Status.IsFinished())
        {
            _pending.Add(task);
            _pending.Sort(static (a, b) => a.Uid.CompareTo(b.Uid));
        }
    }

    /// <summary>Marks a pending task durable, so the executor may run it.</summary>
    public void MarkReady(EngineTask task)
    {
        lock (_lock)
        {
            _ready.Add(task.Uid);
        }
    }

    public bool TryGet(long uid, out EngineTask task)
    {
        lock (_lock)
        {
            return _byUid.TryGetValue(uid, out task!);
        }
    }

    /// <summary>
    /// The next task to run: cancelations and deletions first (as Meilisearch does), otherwise
    /// the lowest uid, but only once it is durable so that uid order is kept.
    /// </summary>
    public EngineTask? NextReady()
    {
        lock (_lock)
        {
            _pending.RemoveAll(static t => t.Status.IsFinished());
            foreach (var t in _pending)
            {
                if (t.Kind is TaskKind.TaskCancelation or TaskKind.TaskDeletion && _ready.Contains(t.Uid))
                {
                    return t;
                }
            }
            return _pending.Count > 0 && _ready.Contains(_pending[0].Uid) ? _pending[0] : null;
        }
    }

    public bool HasPending()
    {
        lock (_lock)
        {
            return _pending.Exists(static t => !t.Status.IsFinished());
        }
    }

    /// <summary>Runs <paramref name="update"/> under the lock (status changes).</summary>
    public void Update(EngineTask task, Action<EngineTask> update)
    {
        lock (_lock)
        {
            update(task);
            if (task.Status.IsFinished())
            {
                _pending.Remove(task);
                _ready.Remove(task.Uid);
            }
        }
    }

    public List<EngineTask> Match(TaskFilter filter)
    {
        lock (_lock)
        {
            return _tasks.FindAll(filter.Matches);
        }
    }

    /// <summary>A page of matching tasks, newest first unless <paramref name="reverse"/>.</summary>
    public (List<EngineTask> Page, int Total, long? Next) Query(TaskFilter filter, int limit, long? from, bool reverse)
    {
        lock (_lock)
        {
            var page = new List<EngineTask>(Math.Min(limit, 64));
            var total = 0;
            long? next = null;
            for (var i = 0; i < _tasks.Count; i++)
            {
                var t = _tasks[reverse ? i : _tasks.Count - 1 - i];
                if (!filter.Matches(t))
                {
                    continue;
                }
                total++;
                if (from is { } f && (reverse ? t.Uid < f : t.Uid > f))
                {
                    continue;
                }
                if (page.Count < limit)
                {
                    page.Add(t);
                }
                else
                {
                    next ??= t.Uid;
                }
            }
            return (page, total, next);
        }
    }

    public void Remove(IReadOnlyCollection<long> uids)
    {
        lock (_lock)
        {
            var set = uids as HashSet<long> ?? [.. uids];
            _tasks.RemoveAll(t => set.Contains(t.Uid));
            _pending.RemoveAll(t => set.Contains(t.Uid));
            foreach (var uid in set)
            {
                _byUid.Remove(uid);
                _ready.Remove(uid);
            }
        }
    }

    /// <summary>A copy of all tasks in uid order (snapshots, batches).</summary>
    public List<EngineTask> All()
    {
        lock (_lock)
        {
            return [.. _tasks];
        }
    }
}
