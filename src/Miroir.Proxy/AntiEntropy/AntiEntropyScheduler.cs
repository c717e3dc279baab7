using Microsoft.Extensions.Logging;
using Miroir.Storage.Workers;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>Starts a paced repair pass every <c>anti_entropy.schedule</c> until disposed; the first pass runs one interval after start.</summary>
internal sealed class AntiEntropyScheduler : IAsyncDisposable
{
    private readonly PeriodicWorker _pass;

    public AntiEntropyScheduler(AntiEntropyReconciler reconciler, TimeProvider time, ILogger logger) =>
        _pass = new PeriodicWorker(reconciler.Config.Interval, time,
            async ct => Report(logger, await reconciler.RunPassAsync(repair: true, scheduled: true, ct).ConfigureAwait(false)),
            e => AntiEntropyLog.PassFailed(logger, e));

    public void Start() => _pass.Start();

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

    public ValueTask DisposeAsync() => _pass.DisposeAsync();
}
