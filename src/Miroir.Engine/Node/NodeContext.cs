using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Miroir.Engine.Tasks;
using Miroir.Meili.Auth;

namespace Miroir.Engine.Node;

/// <summary>
/// The state of one running node: indexes, tasks, keys and the durable log, plus the
/// executor that applies tasks. HTTP handlers read from it and enqueue tasks through it.
/// </summary>
internal sealed partial class NodeContext : IAsyncDisposable
{
    private readonly TaskWorker _worker;
    private long _nextBatchUid;
    private long _lastLsn;

    private NodeContext(NodeOptions options, INodeLog log, Func<string, IIndexBackend> backendFactory)
    {
        Options = options;
        Log = log;
        BackendFactory = backendFactory;
        Keys = new KeyStore(options.MasterKey, options.TimeProvider);
        _worker = new TaskWorker(RunNextAsync, e => NodeLog.TaskWorkerFailed(Logger, e));
    }

    public NodeOptions Options { get; }

    public TimeProvider Time => Options.TimeProvider;

    public INodeLog Log { get; }

    public IndexRegistry Indexes { get; } = new();

    public KeyStore Keys { get; }

    public TaskStore Tasks { get; } = new();

    public Func<string, IIndexBackend> BackendFactory { get; }

    /// <summary>Where background failures are logged (the host's logger once the endpoints are mapped).</summary>
    public ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>Opens the data directory, replays snapshot and log, and starts the executor.</summary>
    public static async Task<NodeContext> OpenAsync(NodeOptions options, Func<string, IIndexBackend>? backendFactory = null)
    {
        Directory.CreateDirectory(options.DataDirectory);
        var log = StorageNodeLog.Open(Path.Combine(options.DataDirectory, "log"), options.MaxBodyBytes);
        var node = new NodeContext(options, log, backendFactory ?? (static uid => new EngineBackend(uid)));
        node.Recover();
        await node.SeedDefaultKeysAsync().ConfigureAwait(false);
        node._worker.Start();
        node._worker.Signal();
        return node;
    }

    /// <summary>
    /// Accepts a task: assigns its uid and appends its record in one step (so log order is uid
    /// order), waits until the record is durable, then hands it to the executor.
    /// </summary>
    public async Task<EngineTask> EnqueueAsync(TaskKind kind, string? indexUid, TaskPayload payload, byte[]? details)
    {
        EngineTask task;
        ValueTask<long> append;
        lock (Tasks.SyncRoot)
        {
            task = Tasks.CreateLocked(kind, indexUid, payload, details, Time.GetUtcNow());
            append = Log.AppendAsync(NodeRecords.TaskEnqueued(task));
        }
        try
        {
            NoteDurable(await append.ConfigureAwait(false));
        }
        catch
        {
            // Not durable: the client gets an error, so the task must not run either.
            Tasks.Remove([task.Uid]);
            throw;
        }
        Tasks.MarkReady(task);
        _worker.Signal();
        return task;
    }

    /// <summary>True while a task of this index is running (the <c>isIndexing</c> stat).</summary>
    public bool IsIndexing(string indexUid) =>
        Tasks.NextReady() is { Status: EngineTaskStatus.Processing } t && t.IndexUid == indexUid;

    /// <summary>True while any task is enqueued or processing.</summary>
    public bool HasPendingTasks() => Tasks.HasPending();

    /// <summary>Remembers the highest durable LSN: a snapshot covers the log up to it.</summary>
    private void NoteDurable(long lsn)
    {
        long seen;
        while (lsn > (seen = Interlocked.Read(ref _lastLsn)) && Interlocked.CompareExchange(ref _lastLsn, lsn, seen) != seen)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync().ConfigureAwait(false);
        await Log.DisposeAsync().ConfigureAwait(false);
    }
}
