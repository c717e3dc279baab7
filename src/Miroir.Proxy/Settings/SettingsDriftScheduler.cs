using Microsoft.Extensions.Logging;

namespace Miroir.Proxy.Settings;

/// <summary>
/// Runs a drift pass every <c>settings_drift_check.interval_s</c> (the first one interval after start), and
/// sooner when asked (<see cref="RunSoon"/>: a node came back from failure and may have missed a change).
/// </summary>
internal sealed class SettingsDriftScheduler(SettingsDriftReconciler reconciler, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _wake = NewWake();
    private Task _loop = Task.CompletedTask;

    public void Start() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    /// <summary>Brings the next pass forward to now.</summary>
    public void RunSoon() => _wake.TrySetResult();

    private async Task LoopAsync(CancellationToken ct)
    {
        var interval = TimeSpan.FromSeconds(reconciler.Config.IntervalS);
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
                Report(logger, await reconciler.RunPassAsync(ct).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed pass must not end the schedule: the next one may well succeed.
            catch (Exception e)
#pragma warning restore CA1031
            {
                SettingsLog.PassFailed(logger, e);
            }
        }
    }

    public static void Report(ILogger logger, SettingsDriftPass pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        SettingsLog.PassCompleted(logger, pass.Indexes.Count, pass.Mismatches, pass.Repaired, pass.Skipped);
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
