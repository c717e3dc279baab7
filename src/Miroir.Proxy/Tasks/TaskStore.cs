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

    /// <summary>Unfinished tasks (to resume polling after a restart).</summary>
    public IEnumerable<MiroirTask> Unfinished() => _tasks.Values.Where(t => !t.IsFinished);

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

    public IReadOnlyCollection<string> RecordKinds { get; } = ["task", "done", "deleted", "taskSequence"];

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
