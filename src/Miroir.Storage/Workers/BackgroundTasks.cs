namespace Miroir.Storage.Workers;

/// <summary>
/// Owns one-off background work that nobody awaits in place (a verify phase after the answer went out): each
/// piece is tracked until it ends, its exception is reported, and <see cref="StopAsync"/> cancels and awaits
/// whatever still runs, so no work outlives its owner.
/// </summary>
public sealed class BackgroundTasks : IAsyncDisposable
{
    private readonly Action<Exception> _failed;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<Task> _running = [];
    private bool _stopped;

    /// <param name="failed">Reports an exception a piece of work ended with (a logger call).</param>
    public BackgroundTasks(Action<Exception> failed) => _failed = failed;

    /// <summary>Cancelled when the owner stops; the token every piece of work receives.</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>How many pieces of work still run.</summary>
    public int Count
    {
        get
        {
            lock (_running)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Starts <paramref name="work"/> on the thread pool; false (and not started) once stopping.</summary>
    public bool Run(Func<CancellationToken, Task> work)
    {
        lock (_running)
        {
            if (_stopped)
            {
                return false;
            }

            var token = _stop.Token;
            var task = Task.Run(() => RunAsync(work, token), CancellationToken.None);
            _running.Add(task);
            _ = task.ContinueWith(Forget, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return true;
        }
    }

    private static void Forget(Task task, object? owner)
    {
        var self = (BackgroundTasks)owner!;
        lock (self._running)
        {
            self._running.Remove(task);
        }
    }

    private async Task RunAsync(Func<CancellationToken, Task> work, CancellationToken token)
    {
        try
        {
            await work(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping.
        }
#pragma warning disable CA1031 // Nobody awaits this work in place: its failure must be reported here.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _failed(e);
        }
    }

    /// <summary>Refuses new work, cancels the work still running and waits for it to end.</summary>
    public async Task StopAsync()
    {
        Task[] running;
        lock (_running)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            running = [.. _running];
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running).ConfigureAwait(false);
        _stop.Dispose();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
