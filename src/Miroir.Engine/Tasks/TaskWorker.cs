using System.Threading.Channels;
using Miroir.Storage.Workers;

namespace Miroir.Engine.Tasks;

/// <summary>
/// The single background loop that runs tasks. The channel carries wake-up signals only;
/// which task runs next is the <see cref="TaskStore"/>'s decision, so order never depends
/// on which request finished its fsync first.
/// </summary>
internal sealed class TaskWorker
{
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite, AllowSynchronousContinuations = false });
    private readonly Func<CancellationToken, ValueTask<bool>> _runNext;
    private readonly BackgroundWorker _worker;

    public TaskWorker(Func<CancellationToken, ValueTask<bool>> runNext, Action<Exception> failed)
    {
        _runNext = runNext;
        _worker = new BackgroundWorker(DrainAsync, failed);
    }

    public void Start() => _worker.Start();

    /// <summary>Wakes the loop; signals coalesce, one pending wake-up is enough.</summary>
    public void Signal() => _signals.Writer.TryWrite(true);

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (await _signals.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _signals.Reader.TryRead(out _);
            while (!cancellationToken.IsCancellationRequested && await _runNext(cancellationToken).ConfigureAwait(false))
            {
            }
        }
    }

    /// <summary>Stops after the task in progress (if any) and waits for the loop to exit.</summary>
    public Task StopAsync()
    {
        _signals.Writer.TryComplete();
        return _worker.StopAsync();
    }
}
