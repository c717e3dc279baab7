using Microsoft.Extensions.Logging;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>Starts a paced repair pass every <c>anti_entropy.schedule</c> until disposed; the first pass runs one interval after start.</summary>
internal sealed class AntiEntropyScheduler(AntiEntropyReconciler reconciler, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public void Start() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    private async Task LoopAsync(CancellationToken ct)
    {
        var interval = reconciler.Config.Interval;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, ct).ConfigureAwait(false);
                var pass = await reconciler.RunPassAsync(repair: true, scheduled: true, ct).ConfigureAwait(false);
                Report(logger, pass);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed pass must not end the schedule: the next one may well succeed.
            catch (Exception e)
#pragma warning restore CA1031
            {
                AntiEntropyLog.PassFailed(logger, e);
            }
        }
    }

    /// <summary>Logs a pass: every mismatch and skipped shard, then the summary.</summary>
    public static void Report(ILogger logger, AntiEntropyPass pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        foreach (var m in pass.Mismatches)
        {
            AntiEntropyLog.Mismatch(logger, m.DivergentDocuments, m.Shard, m.Index, m.Repaired);
        }

        foreach (var s in pass.Skipped)
        {
            AntiEntropyLog.ShardSkipped(logger, s.Shard, s.Index, s.Node, s.Reason);
        }

        AntiEntropyLog.PassCompleted(logger, pass.ShardsScanned, pass.Mismatches.Count, pass.DocumentsRepaired, pass.Skipped.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
