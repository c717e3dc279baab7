using System.Threading.Channels;

namespace Miroir.Engine.Tasks;

/// <summary>
/// The single background loop that runs tasks. The channel carries wake-up signals only;
/// which task runs next is the <see cref="TaskStore"/>'s decision, so order never depends
/// on which request finished its fsync first.
/// </summary>
internal sealed class TaskWorker(Func<CancellationToken, ValueTask<bool>> runNext)
{
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite, AllowSynchronousContinuations = false });
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public void Start() => _loop = Task.Run(() => DrainAsync(_stop.Token));

    /// <summary>Wakes the loop; signals coalesce, one pending wake-up is enough.</summary>
    public void Signal() => _signals.Writer.TryWrite(true);

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _signals.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _signals.Reader.TryRead(out _);
                while (!cancellationToken.IsCancellationRequested && await runNext(cancellationToken).ConfigureAwait(false))
                {
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops after the task in progress (if any) and waits for the loop to exit.</summary>
    public async Task StopAsync()
    {
        _signals.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}
