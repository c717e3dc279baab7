namespace Miroir.Proxy.Server;

/// <summary>
/// A background pass run every interval (the first one interval after start) until disposed, and sooner when
/// woken (<see cref="RunSoon"/>). A failed pass is reported and never ends the schedule: the next may well succeed.
/// </summary>
internal sealed class PeriodicPass(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> pass, Action<Exception> failed)
    : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _wake = NewWake();
    private Task _loop = Task.CompletedTask;

    public void Start() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    /// <summary>Brings the next pass forward to now.</summary>
    public void RunSoon() => _wake.TrySetResult();

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using (var delay = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    await Task.WhenAny(Task.Delay(interval, time, delay.Token), _wake.Task).ConfigureAwait(false);
                    await delay.CancelAsync().ConfigureAwait(false);
                }

                ct.ThrowIfCancellationRequested();
                Interlocked.Exchange(ref _wake, NewWake());
                await pass(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed pass must not end the schedule.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failed(e);
            }
        }
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
