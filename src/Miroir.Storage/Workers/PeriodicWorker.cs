namespace Miroir.Storage.Workers;

/// <summary>
/// A pass run every interval on a <see cref="TimeProvider"/> until stopped, and sooner when woken
/// (<see cref="RunSoon"/>). A failed pass is reported and never ends the schedule: the next may well succeed.
/// </summary>
public sealed class PeriodicWorker : IAsyncDisposable
{
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Func<CancellationToken, Task> _pass;
    private readonly Action<Exception> _failed;
    private readonly bool _runAtStart;
    private readonly BackgroundWorker _worker;
    private TaskCompletionSource _wake = NewWake();

    /// <param name="interval">The time between the end of one pass and the start of the next.</param>
    /// <param name="time">The clock the waits run on (virtual in tests).</param>
    /// <param name="pass">One pass.</param>
    /// <param name="failed">Reports a failed pass (a logger call).</param>
    /// <param name="runAtStart">The first pass runs at start; otherwise one interval after it.</param>
    public PeriodicWorker(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> pass, Action<Exception> failed, bool runAtStart = false)
    {
        _interval = interval;
        _time = time;
        _pass = pass;
        _failed = failed;
        _runAtStart = runAtStart;
        _worker = new BackgroundWorker(LoopAsync, failed);
    }

    public void Start() => _worker.Start();

    /// <summary>Brings the next pass forward to now (or right after the pass running now).</summary>
    public void RunSoon() => _wake.TrySetResult();

    private async Task LoopAsync(CancellationToken ct)
    {
        var wait = !_runAtStart;
        while (!ct.IsCancellationRequested)
        {
            if (wait)
            {
                using var delay = CancellationTokenSource.CreateLinkedTokenSource(ct);
                await Task.WhenAny(Task.Delay(_interval, _time, delay.Token), _wake.Task).ConfigureAwait(false);
                await delay.CancelAsync().ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
            }

            wait = true;
            Interlocked.Exchange(ref _wake, NewWake());
            try
            {
                await _pass(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed pass must not end the schedule.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _failed(e);
            }
        }
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cancels the pass in progress (if any) and waits for the loop to end.</summary>
    public Task StopAsync() => _worker.StopAsync();

    public ValueTask DisposeAsync() => _worker.DisposeAsync();
}
