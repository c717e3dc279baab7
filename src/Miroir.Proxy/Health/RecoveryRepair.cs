using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Miroir.Proxy.AntiEntropy;
using Miroir.Proxy.Cluster;
using Miroir.Storage.Workers;

namespace Miroir.Proxy.Health;

/// <summary>
/// A node back from Failed missed every write of its downtime, so reads must not see it until it is repaired
/// (<c>rebalancer.auto_rebalance_on_recovery</c>, 01-core §7): it is held Joining (written to, not read from)
/// while an anti-entropy repair pass runs, then takes the state its probes give it. Nodes recovering together
/// share one pass; a pass that could not reach every replica is retried a few times before the node is let back.
/// </summary>
internal sealed class RecoveryRepair : IAsyncDisposable
{
    private const int Attempts = 3;

    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, byte> _recovering = new(StringComparer.Ordinal);
    private readonly ClusterState _cluster;
    private readonly AntiEntropyReconciler _reconciler;
    private readonly Func<string, NodeState> _probedState;
    private readonly TimeProvider _time;
    private readonly TimeSpan _retryDelay;
    private readonly ILogger _logger;
    private readonly BackgroundWorker _worker;

    public RecoveryRepair(ClusterState cluster, AntiEntropyReconciler reconciler, Func<string, NodeState> probedState, TimeProvider time, TimeSpan retryDelay, ILogger logger)
    {
        _cluster = cluster;
        _reconciler = reconciler;
        _probedState = probedState;
        _time = time;
        _retryDelay = retryDelay;
        _logger = logger;
        _worker = new BackgroundWorker(LoopAsync, e => ProxyLog.BackgroundWorkFailed(logger, e, "recovery repair"));
    }

    /// <summary>True while the node waits for, or is in, its repair pass.</summary>
    public bool IsRecovering(string nodeId) => _recovering.ContainsKey(nodeId);

    /// <summary>Takes a node that just answered its recovery probes out of reads and queues its repair.</summary>
    public void Begin(string nodeId)
    {
        if (_recovering.TryAdd(nodeId, 0))
        {
            _cluster.NodeStates.Set(nodeId, NodeState.Joining);
            ProxyLog.NodeRecovering(_logger, nodeId);
            _queue.Writer.TryWrite(nodeId);
        }
    }

    public void Start() => _worker.Start();

    /// <summary>Stopping ends it (cancelled): the next start probes the node afresh.</summary>
    private async Task LoopAsync(CancellationToken token)
    {
        while (await _queue.Reader.WaitToReadAsync(token).ConfigureAwait(false))
        {
            var batch = new List<string>();
            while (_queue.Reader.TryRead(out var nodeId))
            {
                batch.Add(nodeId);
            }

            await RepairAsync(batch, token).ConfigureAwait(false);
            foreach (var nodeId in batch)
            {
                Release(nodeId);
            }
        }
    }

    private async Task RepairAsync(List<string> nodes, CancellationToken token)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                var pass = await _reconciler.RunPassAsync(repair: true, scheduled: false, token).ConfigureAwait(false);
                var skipped = pass.Skipped.Count;
                ProxyLog.NodeRepaired(_logger, string.Join(",", nodes), pass.ShardsScanned, pass.DocumentsRepaired, skipped);
                if (skipped == 0)
                {
                    return;
                }
            }
#pragma warning disable CA1031 // Any failure of one pass is retried; the node must never stay held out of reads.
            catch (Exception e) when (!token.IsCancellationRequested)
#pragma warning restore CA1031
            {
                ProxyLog.NodeRepairFailed(_logger, string.Join(",", nodes), e.Message);
            }

            await Task.Delay(_retryDelay, _time, token).ConfigureAwait(false);
        }
    }

    private void Release(string nodeId)
    {
        _recovering.TryRemove(nodeId, out _);

        // A topology operation may have taken the node over meanwhile; only undo our own hold.
        if (_cluster.NodeStates.Get(nodeId) == NodeState.Joining)
        {
            _cluster.NodeStates.Set(nodeId, _probedState(nodeId));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _worker.StopAsync().ConfigureAwait(false);
    }
}
