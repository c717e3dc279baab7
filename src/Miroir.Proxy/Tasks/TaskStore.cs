using System.Collections.Concurrent;
using System.Text.Json;

namespace Miroir.Proxy.Tasks;

/// <summary>
/// Every Miroir task known to this orchestrator, by uid. Uids come from one monotonic sequence; a task and
/// its node mapping are durable in the <see cref="StateLog"/> before <see cref="RegisterAsync"/> returns.
/// </summary>
internal sealed class TaskStore : IStateSnapshotSource
{
    private readonly ConcurrentDictionary<long, MiroirTask> _tasks = new();
    private readonly StateLog _log;
    private readonly TimeProvider _time;
    private long _lastUid = -1;

    public TaskStore(StateLog log, TimeProvider time)
    {
        _log = log;
        _time = time;
    }

    /// <summary>Raised with each newly registered unfinished task (the poller subscribes).</summary>
    public event Action<MiroirTask>? Registered;

    public int Count => _tasks.Count;

    public MiroirTask? Get(long uid) => _tasks.GetValueOrDefault(uid);

    /// <summary>All tasks, newest first.</summary>
    public IEnumerable<MiroirTask> Newest() => _tasks.Values.OrderByDescending(t => t.Uid);

    /// <summary>The last task registered under an <c>Idempotency-Key</c> (the one its request answered with), or null.</summary>
    public MiroirTask? LastWithIdempotencyKey(string key) =>
        _tasks.Values.Where(t => t.IdempotencyKey == key).MaxBy(t => t.Uid);

    /// <summary>Unfinished tasks with their node tasks attached (to resume polling after a restart).</summary>
    public IEnumerable<MiroirTask> Unfinished() => _tasks.Values.Where(t => !t.IsFinished && !t.Pending);

    /// <summary>Intents a crash cut off before their node tasks were attached (after replay, before any new write).</summary>
    public IReadOnlyList<MiroirTask> Interrupted() => [.. _tasks.Values.Where(t => !t.IsFinished && t.Pending).OrderBy(t => t.Uid)];

    /// <summary>Allocates a uid, persists the task with its node mapping, then publishes it.</summary>
    public async Task<MiroirTask> RegisterAsync(string? indexUid, string type, byte[]? details, int copies, NodeTaskRef[] nodeTasks, Action<MiroirTask>? beforePersist = null)
    {
        var uid = Interlocked.Increment(ref _lastUid);
        var task = new MiroirTask(uid, indexUid, type, _time.GetUtcNow(), details, copies, nodeTasks) { IdempotencyKey = TaskOrigin.IdempotencyKey };
        beforePersist?.Invoke(task);
        await _log.AppendAsync(task, StateRecords.WriteTask, t => _tasks[t.Uid] = t).ConfigureAwait(false);
        if (nodeTasks.Length == 0 && TaskAggregator.Recompute(task, _time.GetUtcNow()))
        {
            await PersistCompletionAsync(task).ConfigureAwait(false);
        }
        else
        {
            Registered?.Invoke(task);
        }

        return task;
    }

    /// <summary>
    /// Records a write's intent (01-core §3.6) before any node is touched: the task exists, durably, with the shards
    /// each node will be sent, but no node task yet; it is neither polled nor finished until <see cref="AttachAsync"/>.
    /// </summary>
    public async Task<MiroirTask> BeginAsync(string? indexUid, string type, byte[]? details, int copies, IReadOnlyList<TouchedShards> touches)
    {
        var uid = Interlocked.Increment(ref _lastUid);
        var task = new MiroirTask(uid, indexUid, type, _time.GetUtcNow(), details, copies, [], touches) { Pending = true, IdempotencyKey = TaskOrigin.IdempotencyKey };
        await _log.AppendAsync(task, StateRecords.WriteTask, t => _tasks[t.Uid] = t).ConfigureAwait(false);
        return task;
    }

    /// <summary>Attaches the node tasks fan-out enqueued (durable on return), then hands the task to the poller.</summary>
    /// <param name="type">The type the nodes reported, when the intent could not know it; null keeps it.</param>
    /// <param name="prepare">Runs before the task is published to the poller (e.g. to hold it).</param>
    public async Task AttachAsync(MiroirTask task, NodeTaskRef[] nodeTasks, string? type = null, Action<MiroirTask>? prepare = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        await _log.AppendAsync((task, nodeTasks, type), static (w, s) =>
        {
            lock (s.task)
            {
                s.task.NodeTasks = s.nodeTasks;
                s.task.Type = s.type ?? s.task.Type;
                StateRecords.WriteAttached(w, s.task);
            }
        }, s => s.task.Pending = false).ConfigureAwait(false);
        prepare?.Invoke(task);
        if (nodeTasks.Length == 0 && TaskAggregator.Recompute(task, _time.GetUtcNow()))
        {
            await PersistCompletionAsync(task).ConfigureAwait(false);
        }
        else
        {
            Registered?.Invoke(task);
        }
    }

    /// <summary>Attaches what fan-out enqueued and fails the task at once with <paramref name="error"/> (a raw error object).</summary>
    public async Task FailAsync(MiroirTask task, NodeTaskRef[] nodeTasks, byte[] error)
    {
        ArgumentNullException.ThrowIfNull(task);
        await _log.AppendAsync((task, nodeTasks), static (w, s) =>
        {
            lock (s.task)
            {
                s.task.NodeTasks = s.nodeTasks;
                StateRecords.WriteAttached(w, s.task);
            }
        }, s => s.task.Pending = false).ConfigureAwait(false);
        await FinishNowAsync(task, error).ConfigureAwait(false);
    }

    /// <summary>Fails, durably, an intent a crash interrupted (its node tasks, if any, were never recorded).</summary>
    public Task FailInterruptedAsync(MiroirTask task, byte[] error) => FinishNowAsync(task, error);

    /// <summary>Forgets an intent no node took (the first node refused the request): nothing was written.</summary>
    public Task AbandonAsync(MiroirTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return DeleteAsync([task.Uid]);
    }

    private Task FinishNowAsync(MiroirTask task, byte[] error)
    {
        var now = _time.GetUtcNow();
        lock (task)
        {
            task.StartedAt ??= now;
            task.FinishedAt = now;
            task.Error = error;
            task.Status = TaskStatusNames.Failed;
            task.Details = TaskDetails.Final(task);
        }

        return PersistCompletionAsync(task);
    }

    /// <summary>Writes the final state of a task that just finished.</summary>
    public async Task PersistCompletionAsync(MiroirTask task)
    {
        await _log.AppendAsync(task, static (w, t) =>
        {
            lock (t)
            {
                StateRecords.WriteDone(w, t);
            }
        }).ConfigureAwait(false);
        task.Persisted = true;
    }

    /// <summary>Forgets tasks (DELETE /tasks, pruning); durable before it returns.</summary>
    public async Task DeleteAsync(IReadOnlyCollection<long> uids)
    {
        if (uids.Count == 0)
        {
            return;
        }

        await _log.AppendAsync(uids, StateRecords.WriteDeleted, deleted =>
        {
            foreach (var uid in deleted)
            {
                _tasks.TryRemove(uid, out _);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Removes finished tasks that finished before <paramref name="cutoff"/>.</summary>
    public Task PruneAsync(DateTimeOffset cutoff) =>
        DeleteAsync(_tasks.Values.Where(t => t.IsFinished && t.FinishedAt < cutoff).Select(t => t.Uid).ToArray());

    /// <summary>Applies one replayed record of a task kind; false when the record is not about tasks.</summary>
    public bool Apply(JsonElement record)
    {
        switch (record.GetProperty("r").GetString())
        {
            case "task":
                var task = StateRecords.ReadTask(record);
                _tasks[task.Uid] = task;
                _lastUid = Math.Max(_lastUid, task.Uid);
                return true;
            case "taskNodes":
                if (_tasks.TryGetValue(record.GetProperty("uid").GetInt64(), out var attached))
                {
                    StateRecords.ApplyAttached(record, attached);
                }

                return true;
            case "done":
                if (_tasks.TryGetValue(record.GetProperty("uid").GetInt64(), out var done))
                {
                    StateRecords.ApplyDone(record, done);
                }

                return true;
            case "taskSequence":
                _lastUid = Math.Max(_lastUid, record.GetProperty("lastUid").GetInt64());
                return true;
            case "deleted":
                foreach (var uid in record.GetProperty("uids").EnumerateArray())
                {
                    _lastUid = Math.Max(_lastUid, uid.GetInt64());
                    _tasks.TryRemove(uid.GetInt64(), out _);
                }

                return true;
            default:
                return false;
        }
    }

    public IReadOnlyCollection<string> RecordKinds { get; } = ["task", "taskNodes", "done", "deleted", "taskSequence"];

    /// <summary>Every task with its final state when finished, then the sequence (deleted uids are never reused).</summary>
    public void WriteSnapshot(StateSnapshotWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var task in _tasks.Values.OrderBy(t => t.Uid))
        {
            lock (task)
            {
                writer.Write(task, StateRecords.WriteTask);
                if (task.IsFinished)
                {
                    writer.Write(task, StateRecords.WriteDone);
                }
            }
        }

        writer.Write(Interlocked.Read(ref _lastUid), StateRecords.WriteTaskSequence);
    }
}
