namespace Miroir.Storage.Workers;

/// <summary>
/// One background loop with an owned lifecycle: started once, stopped by cancelling its token and awaiting it (so
/// nothing runs after its owner shut down), and an exception escaping the loop is reported, never lost.
/// </summary>
public sealed class BackgroundWorker : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task> _loop;
    private readonly Action<Exception> _failed;
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;
    private int _stopped;

    /// <param name="loop">The loop; it ends when its token is cancelled (an <see cref="OperationCanceledException"/> then is the normal way out).</param>
    /// <param name="failed">Reports an exception that ended the loop (a logger call).</param>
    public BackgroundWorker(Func<CancellationToken, Task> loop, Action<Exception> failed)
    {
        _loop = loop;
        _failed = failed;
    }

    /// <summary>Runs the loop on the thread pool (the caller never runs any of it synchronously).</summary>
    public void Start() => _run = Task.Run(RunAsync);

    private async Task RunAsync()
    {
        var token = _stop.Token;
        try
        {
            await _loop(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping.
        }
#pragma warning disable CA1031 // The loop's failure is reported to its owner; it must not go unobserved.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _failed(e);
        }
    }

    /// <summary>Cancels the loop and waits until it returned; later calls return at once.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false);
        _stop.Dispose();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
