using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Miroir.Proxy.Cluster;
using Miroir.Storage.Workers;

namespace Miroir.Proxy.Tasks;

/// <summary>
/// Background worker that follows unfinished Miroir tasks: new tasks arrive through a channel, and every
/// <c>interval</c> the node tasks still open are looked up with one <c>GET /tasks?uids=...</c> per node.
/// Also prunes finished tasks older than the TTL.
/// </summary>
internal sealed class TaskPoller : IAsyncDisposable
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    private readonly Channel<MiroirTask> _incoming = Channel.CreateUnbounded<MiroirTask>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly TaskStore _store;
    private readonly ClusterState _cluster;
    private readonly DeadNodeTasks _dead;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _ttl;
    private readonly BackgroundWorker _worker;

    public TaskPoller(TaskStore store, ClusterState cluster, DeadNodeTasks dead, TimeProvider time, TimeSpan interval, TimeSpan ttl, ILogger logger)
    {
        _store = store;
        _cluster = cluster;
        _dead = dead;
        _time = time;
        _interval = interval;
        _ttl = ttl;
        _worker = new BackgroundWorker(RunAsync, e => ProxyLog.BackgroundWorkFailed(logger, e, "task poller"));
    }

    /// <summary>Queues a task for polling; false once the poller stopped.</summary>
    public bool TryPublish(MiroirTask task) => _incoming.Writer.TryWrite(task);

    public void Start() => _worker.Start();

    /// <summary>Stopping ends it (cancelled); unfinished tasks are polled again after the restart.</summary>
    private async Task RunAsync(CancellationToken ct)
    {
        var pending = new List<MiroirTask>();
        var lastPrune = DateTimeOffset.MinValue;
        while (!ct.IsCancellationRequested)
        {
            var added = false;
            while (_incoming.Reader.TryRead(out var task))
            {
                pending.Add(task);
                added = true;
            }

            if (added)
            {
                pending.Sort(static (a, b) => a.Uid.CompareTo(b.Uid)); // finishers that wait for earlier tasks rely on it
            }

            if (_time.GetUtcNow() - lastPrune > PruneEvery)
            {
                lastPrune = _time.GetUtcNow();
                await _store.PruneAsync(lastPrune - _ttl).ConfigureAwait(false);
            }

            if (pending.Count == 0)
            {
                await WaitForWorkAsync(ct).ConfigureAwait(false);
                continue;
            }

            await TaskPolling.PollAsync(pending, _cluster, _store, _dead, _time, ct).ConfigureAwait(false);
            pending.RemoveAll(t => t.IsFinished && t.Persisted);
            await Task.Delay(_interval, _time, ct).ConfigureAwait(false);
        }
    }

    private async Task WaitForWorkAsync(CancellationToken ct)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(PruneEvery, _time, wake.Token);
        var read = _incoming.Reader.WaitToReadAsync(wake.Token).AsTask();
        await Task.WhenAny(delay, read).ConfigureAwait(false);
        await wake.CancelAsync().ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
    }

    public async ValueTask DisposeAsync()
    {
        _incoming.Writer.TryComplete();
        await _worker.StopAsync().ConfigureAwait(false);
    }
}
