namespace Miroir.Proxy.AntiEntropy;

/// <summary>
/// Bounds the reconciler's replica reads: at most <c>max_read_concurrency</c> in flight, and after each read its slot
/// stays idle long enough that reads take about <c>dutyCycle</c> of wall time (a 0.02 duty cycle keeps a pass near
/// 2% of one node's time, spec §13.8). A duty cycle of 1 reads back to back (on-demand passes).
/// </summary>
internal sealed class ReadThrottle(int concurrency, double dutyCycle, TimeProvider time) : IDisposable
{
    /// <summary>One slow read must not park a slot for minutes.</summary>
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _slots = new(concurrency, concurrency);

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var started = time.GetTimestamp();
            var result = await read(ct).ConfigureAwait(false);
            if (dutyCycle < 1)
            {
                var pause = time.GetElapsedTime(started) * ((1 - dutyCycle) / dutyCycle);
                await Task.Delay(pause < MaxPause ? pause : MaxPause, time, ct).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
