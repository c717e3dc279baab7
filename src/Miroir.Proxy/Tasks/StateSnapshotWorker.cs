using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Miroir.Storage.Workers;

namespace Miroir.Proxy.Tasks;

/// <summary>
/// Writes state snapshots in the background when asked: requests arriving while one is queued are merged,
/// a failed snapshot is logged and retried on the next request (the log still holds everything).
/// </summary>
internal sealed class StateSnapshotWorker : IAsyncDisposable
{
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite, AllowSynchronousContinuations = false });

    private readonly Func<Task> _snapshot;
    private readonly ILogger _logger;
    private readonly BackgroundWorker _worker;

    public StateSnapshotWorker(Func<Task> snapshot, ILogger logger)
    {
        _snapshot = snapshot;
        _logger = logger;
        _worker = new BackgroundWorker(_ => RunAsync(), e => ProxyLog.BackgroundWorkFailed(logger, e, "state snapshots"));
        _worker.Start();
    }

    public void Request() => _requests.Writer.TryWrite(true);

    /// <summary>Ends once the requests are completed, not on the stop token: a snapshot being written is finished.</summary>
    private async Task RunAsync()
    {
        await foreach (var _ in _requests.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await _snapshot().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                ProxyLog.StateSnapshotFailed(_logger, e);
            }
        }
    }

    /// <summary>Stops taking requests and waits for a snapshot being written.</summary>
    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _worker.StopAsync().ConfigureAwait(false);
    }
}
